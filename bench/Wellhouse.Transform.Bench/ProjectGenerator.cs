using System.Globalization;
using System.Text;

namespace Wellhouse.Transform.Bench;

/// <summary>
/// Writes a synthetic dbt project: <c>models</c> SQL models in ten folders, each reading one to three earlier models
/// (the first ones read a seed) through a project macro and a Jinja for loop, and a schema file per folder with three
/// generic tests per model (unique, not_null, and accepted_values or relationships). With <c>packageMacros</c> it also
/// installs a package of that many macros in <c>dbt_packages/bench_utils</c>, shaped as dbt_utils' are (a macro that
/// dispatches and its <c>default__</c> implementation, ten to a file), and every model calls one of them.
/// </summary>
public static class ProjectGenerator
{
    public static void Write(string directory, int models, int packageMacros = 0)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "dbt_project.yml"), "name: generated\nprofile: generated\nconfig-version: 2\nvars:\n  columns: [a, b, c]\nmodels:\n  generated:\n    +materialized: view\n    f0:\n      +materialized: table\n");
        File.WriteAllText(Path.Combine(directory, "profiles.yml"), "generated:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: generated.duckdb\n      threads: 2\n");
        Directory.CreateDirectory(Path.Combine(directory, "seeds"));
        File.WriteAllText(Path.Combine(directory, "seeds", "seed_values.csv"), "id,a,b,c,status\n1,1,2,3,open\n");
        Directory.CreateDirectory(Path.Combine(directory, "macros"));
        File.WriteAllText(Path.Combine(directory, "macros", "plus_one.sql"), "{% macro plus_one(column) -%}\n    ({{ column }} + 1)\n{%- endmacro %}\n");
        var schemas = new Dictionary<int, StringBuilder>();
        for (var i = 0; i < models; i++)
        {
            var folder = i % 10;
            var folderPath = Path.Combine(directory, "models", "f" + folder.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folderPath);
            var name = "m" + i.ToString("D4", CultureInfo.InvariantCulture);
            var parents = i < 3 ? ["{{ ref('seed_values') }}"] : Enumerable.Range(1, 1 + (i % 3)).Select(k => $"{{{{ ref('m{(i - (k * 7) % i - 1 + i) % i:D4}') }}}}").Distinct().ToList();
            var sql = new StringBuilder();
            sql.Append("{% set cols = var('columns') %}\n");
            sql.Append("with source_rows as (\n");
            sql.Append(string.Join("\n    union all\n", parents.Select(p => $"    select id, a, b, c, status from {p}")));
            sql.Append("\n)\n\nselect\n    id,\n");
            sql.Append("    {% for col in cols -%}\n    {{ plus_one(col) }} - 1 as {{ col }},\n    {% endfor -%}\n");
            if (packageMacros >= 2)
            {
                sql.Append(CultureInfo.InvariantCulture, $"    {{{{ bench_utils.util_{i % (packageMacros / 2):D3}('a') }}}} as util,\n");
            }

            sql.Append("    status\nfrom source_rows\n{% if target.name == 'dev' %}where id is not null{% endif %}\n");
            File.WriteAllText(Path.Combine(folderPath, name + ".sql"), sql.ToString());
            if (!schemas.TryGetValue(folder, out var schema))
            {
                schemas[folder] = schema = new StringBuilder("version: 2\nmodels:\n");
            }

            schema.Append($"  - name: {name}\n    description: Model {name}.\n    columns:\n      - name: id\n        data_tests:\n          - unique\n          - not_null\n");
            schema.Append(i % 2 == 0
                ? "      - name: status\n        data_tests:\n          - accepted_values:\n              values: ['open', 'closed']\n"
                : "      - name: a\n        data_tests:\n          - relationships:\n              to: ref('seed_values')\n              field: a\n");
        }

        foreach (var (folder, schema) in schemas)
        {
            File.WriteAllText(Path.Combine(directory, "models", "f" + folder.ToString(CultureInfo.InvariantCulture), "_models.yml"), schema.ToString());
        }

        if (packageMacros >= 2)
        {
            WritePackage(Path.Combine(directory, "dbt_packages", "bench_utils"), packageMacros);
        }
    }

    /// <summary>A package of <paramref name="macros"/> macros: pairs of a dispatching macro and its default implementation.</summary>
    private static void WritePackage(string directory, int macros)
    {
        Directory.CreateDirectory(Path.Combine(directory, "macros"));
        File.WriteAllText(Path.Combine(directory, "dbt_project.yml"), "name: bench_utils\nversion: '1.0.0'\nconfig-version: 2\nmacro-paths: [macros]\n");
        var file = new StringBuilder();
        for (var pair = 0; pair < macros / 2; pair++)
        {
            var name = "util_" + pair.ToString("D3", CultureInfo.InvariantCulture);
            file.Append(CultureInfo.InvariantCulture, $"{{% macro {name}(column, offset=1) -%}}\n  {{{{ return(adapter.dispatch('{name}', 'bench_utils')(column, offset)) }}}}\n{{%- endmacro %}}\n\n");
            file.Append(CultureInfo.InvariantCulture, $"{{% macro default__{name}(column, offset=1) -%}}\n  {{% if offset is number %}}coalesce({{{{ column }}}}, 0) + {{{{ offset }}}}{{% else %}}{{{{ column }}}}{{% endif %}}\n{{%- endmacro %}}\n\n");
            if (pair % 5 == 4 || pair == macros / 2 - 1)
            {
                File.WriteAllText(Path.Combine(directory, "macros", $"utils_{pair / 5:D2}.sql"), file.ToString());
                file.Clear();
            }
        }
    }
}
