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
  // Copies text (a new webhook secret) to the clipboard; false when the browser refuses.
  copy: async function (text) {
    try { await navigator.clipboard.writeText(text); return true; } catch { return false; }
  }
};
