// What VS Code provides a webview before its scripts run, for the browser tests:
// theme variables on <html> and a theme class on <body> (set through the CSSOM, as
// VS Code does, which the page's CSP allows), a record of CSP violations, and
// `acquireVsCodeApi` wired to the FakeHost's bindings. Plain JavaScript, passed to
// the page as text, because tsx would add helpers to a compiled function.
// eslint-disable-next-line @typescript-eslint/no-unused-expressions -- this file is text for an init script: an expression the harness calls
(function vscodeShim(theme) {
  function apply() {
    var html = document.documentElement;
    if (html) for (var k in theme.vars) html.style.setProperty(k, theme.vars[k]);
    if (document.body && !document.body.classList.contains(theme.bodyClass)) document.body.className = theme.bodyClass;
    return Boolean(document.body);
  }
  if (!apply()) {
    var observer = new MutationObserver(function () {
      if (apply()) observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
  }
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', function (e) {
    window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
  });
  var acquired = false;
  window.acquireVsCodeApi = function () {
    if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
    acquired = true;
    return Object.freeze({
      // VS Code structured-clones messages: the host gets a copy, never the live object.
      postMessage: function (m) {
        window.__emotionLensToHost(JSON.parse(JSON.stringify(m)));
      },
      getState: function () {
        return JSON.parse(sessionStorage.getItem('vscode-state') || 'null');
      },
      setState: function (s) {
        sessionStorage.setItem('vscode-state', JSON.stringify(s));
        window.__emotionLensState(s);
        return s;
      },
    });
  };
})
