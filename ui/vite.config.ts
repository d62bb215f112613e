import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

export default defineConfig({
	plugins: [react()],
	// Tauri serves the app from its own origin; relative asset URLs keep the bundle portable.
	base: "./",
	clearScreen: false,
	server: { port: 5173, strictPort: true },
	build: {
		outDir: "dist",
		emptyOutDir: true,
		target: "es2022",
	},
	test: {
		environment: "jsdom",
		setupFiles: ["./src/test/setup.ts"],
		restoreMocks: true,
	},
});
