// Descriptions are markdown in dbt (https://docs.getdbt.com/reference/resource-properties/description); the page
// shows paragraphs, pipe tables, "- " lists, `code` and **bold**, always as text nodes (never parsed as HTML).
const Markdown = (() => {
  function inline(text) {
    return text.split(/(`[^`]+`|\*\*[^*]+\*\*)/).map(part =>
      part.length > 1 && part.startsWith("`") && part.endsWith("`") ? el("code", { text: part.slice(1, -1) })
        : part.length > 3 && part.startsWith("**") && part.endsWith("**") ? el("strong", { text: part.slice(2, -2) })
          : part);
  }

  const cells = line => line.trim().replace(/^\|/, "").replace(/\|$/, "").split("|").map(c => c.trim());

  function block(paragraph) {
    const lines = paragraph.split("\n").filter(l => l.trim());
    const tableStart = lines.findIndex(l => l.trim().startsWith("|"));
    if (tableStart >= 0 && lines.slice(tableStart).every(l => l.trim().startsWith("|"))) {
      const rows = lines.slice(tableStart).filter(l => !/^\s*\|?[\s:|-]+\|?\s*$/.test(l)).map(cells);
      return [tableStart ? el("p", {}, inline(lines.slice(0, tableStart).join(" "))) : null,
        el("table", { class: "md" }, el("thead", {}, el("tr", {}, rows[0].map(c => el("th", {}, inline(c))))),
          el("tbody", {}, rows.slice(1).map(r => el("tr", {}, r.map(c => el("td", {}, inline(c)))))))];
    }
    if (lines.length && lines.every(l => /^\s*[-*] /.test(l))) return el("ul", {}, lines.map(l => el("li", {}, inline(l.replace(/^\s*[-*] /, "")))));
    return el("p", {}, inline(lines.join(" ")));
  }

  function description(text) {
    if (!text) return el("p", { class: "muted", text: "No description." });
    return el("div", { class: "description" }, text.split(/\n\s*\n/).map(block));
  }

  return { render: description };
})();
