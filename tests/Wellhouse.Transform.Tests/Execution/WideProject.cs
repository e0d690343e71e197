using System.Globalization;
using System.Text;

namespace Wellhouse.Transform.Tests.Execution;

/// <summary>
/// A generated wide dbt project in a temp folder: <c>width</c> independent models (tables and views alternating), a join
/// layer of five models over six of them each, a final union, generic tests on every model, a warn-severity test that
/// warns, a failing error-severity test on one join model and a model with a database error, so statuses other than
/// success (warn, fail, error, skipped) are part of the comparison.
/// </summary>
internal sealed class WideProject : IDisposable
{
    public WideProject(int width = 30)
    {
        Width = width;
        Write("dbt_project.yml", "name: wide\nversion: '1.0.0'\nconfig-version: 2\nprofile: wide\nmodels:\n  wide:\n    join:\n      +schema: marts\n");
        for (var s = 1; s <= 3; s++)
        {
            Write($"seeds/seed_{s}.csv", "id,weight\n" + string.Join("\n", Enumerable.Range(0, 50).Select(i => $"{i},{(i * s) % 7}.5")) + "\n");
        }

        Write("profiles.yml", "wide:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: target/dev.duckdb\n      threads: 1\n");
        var yml = new StringBuilder("version: 2\nmodels:\n");
        for (var i = 1; i <= width; i++)
        {
            var materialized = i % 3 == 0 ? "view" : "table";
            Write($"models/base/base_{i:00}.sql", $"{{{{ config(materialized='{materialized}') }}}}\nselect range as id, (range * {i}) % 97 as v, 'b{i}' as label from range({200 + (i * 10)})\n");
            yml.Append(CultureInfo.InvariantCulture, $"  - name: base_{i:00}\n    columns:\n      - name: id\n        tests: [unique, not_null]\n");
        }

        for (var j = 0; j < 5; j++)
        {
            var parts = Enumerable.Range(1, 6).Select(k => (j * 6) + k).Where(k => k <= width).ToList();
            var first = parts[0];
            var sql = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{{{{ config(materialized='table') }}}}\nselect b{first}.id");
            foreach (var k in parts)
            {
                sql.Append(CultureInfo.InvariantCulture, $", b{k}.v as v{k}");
            }

            sql.Append(CultureInfo.InvariantCulture, $"\nfrom {{{{ ref('base_{first:00}') }}}} as b{first}\n");
            foreach (var k in parts.Skip(1))
            {
                sql.Append(CultureInfo.InvariantCulture, $"left join {{{{ ref('base_{k:00}') }}}} as b{k} on b{k}.id = b{first}.id\n");
            }

            Write($"models/join/join_{j}.sql", sql.ToString());
            yml.Append(CultureInfo.InvariantCulture, $"  - name: join_{j}\n    columns:\n      - name: id\n        tests: [unique]\n");
        }

        Write("models/final.sql", "{{ config(materialized='table') }}\n" + string.Join("\nunion all\n", Enumerable.Range(0, 5).Select(j => $"select {j} as part, count(*) as n, sum(v{(j * 6) + 1}) as total from {{{{ ref('join_{j}') }}}}")) + "\n");
        Write("models/broken.sql", "select no_such_column from {{ ref('base_01') }}\n");
        Write("models/after_broken.sql", "select * from {{ ref('broken') }}\n");
        Write("models/schema.yml", yml.ToString());
        Write("tests/join_1_small.sql", "select * from {{ ref('join_1') }} where id > 100\n");
        Write("tests/base_02_warns.sql", "{{ config(severity='warn') }}\nselect * from {{ ref('base_02') }} where v = 0\n");
        Write("models/weighted.sql", "select seed_1.id, seed_1.weight + seed_2.weight + seed_3.weight as weight\nfrom {{ ref('seed_1') }} as seed_1\njoin {{ ref('seed_2') }} as seed_2 using (id)\njoin {{ ref('seed_3') }} as seed_3 using (id)\n");
        Write("tests/weighted_heavy.sql", "{{ config(store_failures=true, severity='warn') }}\nselect * from {{ ref('weighted') }} where weight > 15\n");
        Write("tests/final_after_fail.sql", "select * from {{ ref('final') }} where n < 0\n");
    }

    public int Width { get; }

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "wellhouse-wide-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Write(string relativePath, string text)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
