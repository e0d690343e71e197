// The docs page: a project tree, node pages (description, columns with types and tests, dependencies, SQL, focused
// lineage) and the whole lineage graph. Routes live in the hash (#!/graph, #!/graph/<id>, #!/node/<id>) so the file
// works when opened from disk.
const Docs = (() => {
  const data = JSON.parse(document.getElementById("docs-data").textContent);
  const byId = new Map(data.nodes.map(n => [n.id, n]));
  const children = new Map(data.nodes.map(n => [n.id, []]));
  const testsOf = new Map(data.nodes.map(n => [n.id, []]));
  for (const node of data.nodes) {
    for (const dep of node.deps) {
      if (!byId.has(dep)) continue;
      if (node.type === "test") testsOf.get(dep).push(node.id);
      else children.get(dep).push(node.id);
    }
  }
  // The lineage graph shows sources, seeds, models and exposures, as dbt's does; tests are listed on their node's page.
  const inLineage = n => n.type !== "test";
  const parentsOf = id => (byId.get(id)?.deps || []).filter(d => byId.has(d) && inLineage(byId.get(d)));
  const childrenOf = id => children.get(id) || [];
  const content = document.getElementById("content");

  const link = id => el("a", { href: "#!/node/" + encodeURIComponent(id), class: "node-link type-" + (byId.get(id)?.type || "missing") }, byId.get(id)?.name || id);
  const kindOf = n => n.type === "model" && n.lang === "csharp" ? "C# model" : n.type;

  const description = Markdown.render;

  // ---- the tree ----
  function treeSections() {
    const sections = [["Sources", n => n.type === "source"], ["Seeds", n => n.type === "seed"],
      ["Models", n => n.type === "model" && n.lang !== "csharp"], ["C# models", n => n.type === "model" && n.lang === "csharp"],
      ["Exposures", n => n.type === "exposure"], ["Tests", n => n.type === "test"]];
    return sections.map(([title, match]) => [title, data.nodes.filter(match)]).filter(([, nodes]) => nodes.length);
  }

  function folderOf(node) {
    if (node.type === "source") return [node.fqn[node.fqn.length - 2]];
    if (node.type === "test") return [];
    return node.fqn.slice(1, -1);
  }

  function renderTree(filter) {
    const tree = document.getElementById("tree");
    tree.replaceChildren();
    const needle = (filter || "").toLowerCase();
    const matches = n => !needle || n.name.toLowerCase().includes(needle) || n.columns.some(c => c.name.toLowerCase().includes(needle));
    for (const [title, nodes] of treeSections()) {
      const shown = nodes.filter(matches).sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
      if (!shown.length) continue;
      const section = el("details", { class: "section", "data-section": title }, el("summary", {}, el("span", { text: title }), el("span", { class: "count", text: String(shown.length) })));
      section.open = title !== "Tests" || Boolean(needle);
      const folders = new Map();
      for (const node of shown) {
        const key = folderOf(node).join("/");
        if (!folders.has(key)) folders.set(key, []);
        folders.get(key).push(node);
      }
      for (const [folder, items] of [...folders].sort((a, b) => a[0].localeCompare(b[0]))) {
        const list = el("ul", {}, items.map(n => el("li", {}, el("a", { href: "#!/node/" + encodeURIComponent(n.id), "data-id": n.id, class: "tree-item type-" + n.type + (n.lang === "csharp" ? " lang-csharp" : "") }, n.name))));
        section.append(folder ? el("details", { class: "folder", open: "" }, el("summary", { text: folder }), list) : list);
      }
      tree.append(section);
    }
    markCurrent();
  }

  function markCurrent() {
    const current = decodeURIComponent((location.hash.match(/^#!\/node\/(.+)$/) || [])[1] || "");
    for (const a of document.querySelectorAll("#tree a.tree-item")) a.classList.toggle("current", a.dataset.id === current);
  }

  // ---- pages ----
  function graphPage(focus) {
    const ids = data.nodes.filter(inLineage).map(n => n.id);
    const counts = ["model", "seed", "source", "exposure"].map(t => [t, ids.filter(id => byId.get(id).type === t).length]).filter(([, n]) => n)
      .map(([t, n]) => `${n} ${t}${n === 1 ? "" : "s"}`).join(", ") || "No models";
    content.replaceChildren(el("div", { class: "page page-graph" },
      el("h1", { text: "Lineage" }),
      el("p", { class: "muted" }, `${counts}. Drag to pan, scroll or use the buttons to zoom; hover a node to trace it upstream and downstream, click it to open it.`),
      legend(),
      el("div", { id: "graph-host", class: "graph-host full" })));
    const view = new GraphView(document.getElementById("graph-host"), ids, {
      node: id => byId.get(id), parents: parentsOf, children: childrenOf, focus: focus || null, onOpen: open,
    });
    if (focus) view.center(focus);
    Docs.view = view;
  }

  function legend() {
    return el("div", { class: "legend" }, [["source", "source"], ["seed", "seed"], ["model", "SQL model"], ["model lang-csharp", "C# model"], ["exposure", "exposure"], ["upstream", "upstream"], ["downstream", "downstream"]]
      .map(([cls, label]) => el("span", { class: "legend-item " + cls.split(" ").map(c => "key-" + c).join(" ") }, el("i"), label)));
  }

  function columnsTable(node) {
    if (!node.columns.length) return el("p", { class: "muted", text: node.type === "test" ? "" : "No columns documented, and the relation is not in the catalog (not built yet)." });
    return el("table", { class: "columns" },
      el("thead", {}, el("tr", {}, ["Column", "Type", "Description", "Tests"].map(h => el("th", { text: h })))),
      el("tbody", {}, node.columns.map(c => el("tr", { "data-column": c.name },
        el("td", { class: "column-name" }, el("code", { text: c.name })),
        el("td", { class: "column-type", text: c.type || "" }),
        el("td", {}, c.desc ? description(c.desc) : ""),
        el("td", { class: "column-tests" }, c.tests.map(t => el("a", { href: "#!/node/" + encodeURIComponent(t), class: "badge", title: byId.get(t)?.name || t, text: byId.get(t)?.test || "test" })))))));
  }

  function codeBlock(node) {
    if (node.type === "source" || node.type === "seed" || node.type === "exposure") return null;
    if (node.lang === "csharp") return el("section", {}, el("h2", { text: "Code" }), el("p", { class: "muted", text: "Implemented in C# (registered with the engine); see " + node.file + " for its declaration." }));
    const tabs = [["Source", node.raw], ["Compiled", node.compiled]];
    const pre = el("pre", { class: "code" }, el("code"));
    const bar = el("div", { class: "tabs" });
    const show = i => {
      pre.firstChild.textContent = tabs[i][1] ?? "Not compiled: run wellhouse docs generate without --no-compile.";
      [...bar.children].forEach((b, j) => b.classList.toggle("active", i === j));
    };
    tabs.forEach(([label], i) => { const b = el("button", { type: "button", "data-tab": label.toLowerCase(), text: label }); b.addEventListener("click", () => show(i)); bar.append(b); });
    show(node.compiled ? 1 : 0);
    return el("section", { class: "code-section" }, el("h2", { text: "Code" }), bar, pre);
  }

  function nodePage(id) {
    const node = byId.get(id);
    if (!node) { content.replaceChildren(el("div", { class: "page" }, el("h1", { text: "Not found" }), el("p", { text: id }))); return; }
    // A relation absent from the catalog has not been built (or the database was not there when the docs were made).
    const built = node.dbtype || (node.type === "test" || node.type === "exposure" || node.mat === "ephemeral" ? null : "not in the database (not built yet)");
    const facts = [["Type", kindOf(node)], ["Exposure type", node.kind], ["Owner", node.owner], ["Maturity", node.maturity], ["URL", node.url],
      ["Materialized", node.mat], ["Relation", node.rel], ["Database type", built],
      ["File", node.file], ["Tags", node.tags.join(", ")], ["Loader", node.loader], ["Severity", node.severity], ["Column", node.column]]
      .filter(([, v]) => v);
    const downstream = childrenOf(id);
    const tests = testsOf.get(id) || [];
    const page = el("div", { class: "page page-node", "data-id": id },
      el("div", { class: "eyebrow", text: kindOf(node) }),
      el("h1", { text: node.name }),
      el("dl", { class: "facts" }, facts.map(([k, v]) => [el("dt", { text: k }), el("dd", {}, k === "Relation" || k === "File" ? el("code", { text: v }) : k === "URL" && /^https?:\/\//i.test(v) ? el("a", { href: v, rel: "noopener", text: v }) : v)])),
      el("section", {}, el("h2", { text: "Description" }), description(node.desc)),
      node.type === "test" ? el("section", {}, el("h2", { text: "Tests" }), el("p", {}, "Tests ", node.attached ? link(node.attached) : "", node.column ? ["column ", el("code", { text: node.column })] : "")) : null,
      node.type !== "test" && node.type !== "exposure" ? el("section", {}, el("h2", { text: "Columns" }), columnsTable(node)) : null,
      tests.length ? el("section", {}, el("h2", { text: `Tests (${tests.length})` }), el("ul", { class: "links tests" }, tests.map(t => el("li", {}, link(t), byId.get(t).column ? el("span", { class: "muted" }, " on ", el("code", { text: byId.get(t).column })) : "")))) : null,
      el("section", { class: "deps" },
        el("div", {}, el("h2", { text: "Depends on" }), depsList(node.deps.filter(d => byId.has(d)), "depends-on")),
        el("div", {}, el("h2", { text: "Referenced by" }), depsList(downstream, "referenced-by"))),
      node.type !== "test" ? el("section", {}, el("h2", {}, "Lineage ", depthPicker(id), el("a", { href: "#!/graph/" + encodeURIComponent(id), class: "small", text: "show in the whole graph" })),
        el("div", { id: "graph-host", class: "graph-host focused" })) : null,
      codeBlock(node));
    content.replaceChildren(page);
    if (node.type !== "test") focusedGraph(id, document.getElementById("lineage-depth").value);
  }

  // The neighbourhood shown on a node page: every ancestor and descendant (dbt's +node+), or those within a depth.
  // Large neighbourhoods start at depth 2 so the page stays readable.
  function depthPicker(id) {
    const picker = el("select", { id: "lineage-depth", class: "small", title: "How far upstream and downstream to show" },
      ["1", "2", "3", "all"].map(d => el("option", { value: d, text: d === "all" ? "all ancestors and descendants" : `depth ${d}` })));
    const everything = reach(id, parentsOf).size + reach(id, childrenOf).size;
    picker.value = everything > 80 ? "2" : "all";
    picker.addEventListener("change", () => focusedGraph(id, picker.value));
    return picker;
  }

  function focusedGraph(id, depthText) {
    const depth = depthText === "all" ? Infinity : Number(depthText);
    const host = document.getElementById("graph-host");
    host.replaceChildren();
    const ids = [id, ...reach(id, parentsOf, depth), ...reach(id, childrenOf, depth)];
    const inView = new Set(ids);
    const within = next => i => next(i).filter(o => inView.has(o));
    Docs.view = new GraphView(host, ids, { node: i => byId.get(i), parents: within(parentsOf), children: within(childrenOf), focus: id, onOpen: open });
  }

  function depsList(ids, name) {
    if (!ids.length) return el("p", { class: "muted", text: "None." });
    return el("ul", { class: "links", "data-list": name }, ids.slice().sort().map(d => el("li", {}, link(d), el("span", { class: "muted", text: " " + kindOf(byId.get(d)) }))));
  }

  function open(id) { location.hash = "#!/node/" + encodeURIComponent(id); }

  function route() {
    const hash = location.hash;
    let m;
    if ((m = hash.match(/^#!\/node\/(.+)$/))) nodePage(decodeURIComponent(m[1]));
    else if ((m = hash.match(/^#!\/graph\/(.+)$/))) graphPage(decodeURIComponent(m[1]));
    else graphPage(null);
    markCurrent();
    content.scrollTop = 0;
    window.scrollTo(0, 0);
  }

  function start() {
    document.getElementById("project-name").textContent = data.project;
    document.getElementById("generated").textContent = "generated " + data.generated_at;
    document.title = data.project + " docs";
    renderTree("");
    const search = document.getElementById("search");
    search.addEventListener("input", () => renderTree(search.value));
    window.addEventListener("hashchange", route);
    route();
  }

  return { start, data, view: null };
})();
Docs.start();
