import { createContext, useContext } from "react";
import type { ViewId } from "./views";

export const NavigationContext = createContext<(view: ViewId) => void>(() => {});

/** Lets a view send the user elsewhere (e.g. first-run → Imports) without prop drilling. */
export function useNavigate(): (view: ViewId) => void {
	return useContext(NavigationContext);
}
