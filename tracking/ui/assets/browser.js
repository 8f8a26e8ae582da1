// What the page does in the browser that Streamlit 1.67 offers no setting for. Installed once per tab (app.py).
(function () {
  if (window.__trackingBrowserHelpers) return;
  window.__trackingBrowserHelpers = true;
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  const win = doc.defaultView || window;

  // 1. The date picker speaks the page's language. Streamlit hands the calendar navigator.language (no locale
  //    parameter: streamlit/streamlit#12699), so a Vietnamese page read on an English browser showed "June" and
  //    weeks from Sunday. The language is in the URL (?lang=en), read on every call so the toggle takes effect.
  const pageLanguage = () => (new URLSearchParams(win.location.search).get("lang") === "en" ? "en-GB" : "vi-VN");
  try {
    Object.defineProperty(win.navigator, "language", { get: pageLanguage, configurable: true });
    Object.defineProperty(win.navigator, "languages", { get: () => [pageLanguage()], configurable: true });
  } catch (e) { /* a browser that refuses: the calendar stays in the browser's language */ }

  // 2. Enter applies a typed date. Streamlit's date field commits what was typed when its calendar closes (Escape)
  //    or when it loses focus with the calendar closed; Enter alone did nothing.
  doc.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || !event.isTrusted) return;
    const field = event.target instanceof win.Element && event.target.closest('[data-testid="stDateInputField"]');
    if (!field) return;
    event.preventDefault();
    const target = event.target;
    target.dispatchEvent(new win.KeyboardEvent("keydown", { key: "Escape", code: "Escape", bubbles: true }));
    win.setTimeout(() => target.blur(), 0);
  }, true);

  // 3. Streamlit's own words in the file uploader and the select boxes (no setting for them; a select box's
  //    placeholder shows while one types to search it), in Vietnamese unless the page is English.
  const WORDS = [
    [/^Choose an option$/, "Chọn…"],
    [/^Choose options$/, "Chọn…"],
    [/^No results$/, "Không có kết quả"],
    [/^Upload$/, "Chọn tệp"],
    [/^Browse files$/, "Chọn tệp"],
    [/^Drag and drop files? here$/, "Kéo thả tệp vào đây"],
    [/^(\d+)\s*MB per file( • )?(.*)$/, (m, size, dot, types) => `Tối đa ${size} MB mỗi tệp${dot ? " • " + types : ""}`],
    [/^Remove file$/, "Bỏ tệp"],
  ];
  const SCOPES = '[data-testid="stFileUploader"], [data-testid="stSelectbox"], [data-testid="stMultiSelect"], ' +
    '[data-baseweb="popover"]';
  const translate = () => {
    if (pageLanguage() !== "vi-VN") return;
    doc.querySelectorAll(SCOPES).forEach((scope) => {
      scope.querySelectorAll("p, span, small, div, li").forEach((node) => {
        if (node.children.length) return;
        const text = node.textContent.trim();
        for (const [pattern, replacement] of WORDS) {
          if (pattern.test(text)) { node.textContent = text.replace(pattern, replacement); break; }
        }
      });
      scope.querySelectorAll("input[placeholder]").forEach((input) => {
        for (const [pattern, replacement] of WORDS) {
          if (pattern.test(input.placeholder)) input.placeholder = input.placeholder.replace(pattern, replacement);
        }
      });
    });
  };
  let pending = false;
  new win.MutationObserver(() => {
    if (pending) return;
    pending = true;
    win.requestAnimationFrame(() => { pending = false; translate(); });
  }).observe(doc.body, { childList: true, subtree: true, characterData: true });

  // 4. On a phone the sidebar covers most of the screen: close it once a page is chosen from its menu.
  doc.addEventListener("click", (event) => {
    if (win.innerWidth > 768) return;
    const link = event.target instanceof win.Element && event.target.closest('[data-testid="stSidebarNavLink"]');
    if (!link) return;
    win.setTimeout(() => {
      const close = doc.querySelector('[data-testid="stSidebarCollapseButton"] button');
      if (close) close.click();
    }, 50);
  }, true);
})();
