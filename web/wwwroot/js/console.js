// Small browser helpers the console calls through JS interop.
window.backofficeConsole = {
  // Saves a file the API produced (CSV, XLSX, PDF) through the browser's download.
  saveFile: async function (name, contentType, streamReference) {
    const buffer = await streamReference.arrayBuffer();
    const url = URL.createObjectURL(new Blob([buffer], { type: contentType }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
  },
  // The language the person chose (localStorage: every tab, kept after sign-out) and the browser's own language.
  language: {
    stored: function (key) { try { return localStorage.getItem(key); } catch { return null; } },
    store: function (key, value) { try { localStorage.setItem(key, value); } catch { } },
    browser: function () { return navigator.language || null; },
    // Tells screen readers and the browser's own controls which language the page is in.
    mark: function (language) { document.documentElement.lang = language; }
  },
  // Copies text (a new webhook secret) to the clipboard; false when the browser refuses.
  copy: async function (text) {
    try { await navigator.clipboard.writeText(text); return true; } catch { return false; }
  }
};
