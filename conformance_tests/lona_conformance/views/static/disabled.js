// Declared with enabled_by_default=False: never served, never linked.
window.lonaDisabledScriptRan = true;
