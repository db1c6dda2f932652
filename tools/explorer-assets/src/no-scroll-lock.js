// Stands in for react-remove-scroll, which Radix dialogs and menus use to freeze the page behind them.
// It does so by inserting a <style> element at run time, which the explorer's Content-Security-Policy
// (style-src 'self', no 'unsafe-inline') refuses. GraphiQL fills the viewport and never scrolls, so
// there is nothing to freeze: the dialog's own element is rendered unchanged (its ref and focus trap too).
export const RemoveScroll = ({ children }) => children;
