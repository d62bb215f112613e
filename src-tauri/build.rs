fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    // The UI is embedded at compile time: a new `npm run build` must rebuild the app (cargo scans the folder).
    println!("cargo:rerun-if-changed=ui/dist");
    // tauri.conf.json sits beside the root Cargo.toml; capabilities stay in src-tauri/ with the shell.
    tauri_build::try_build(tauri_build::Attributes::new().capabilities_path_pattern("src-tauri/capabilities/**/*"))
        .expect("tauri-build failed (is tauri.conf.json valid and ui/dist built?)");
}
