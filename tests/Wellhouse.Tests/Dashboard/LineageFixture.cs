namespace Wellhouse.Tests.Dashboard;

/// <summary>A tiny dbt project for the lineage: a source, a seed, a staging model, a mart with both ref forms.</summary>
internal static class LineageFixture
{
    public static string Write(string dir)
    {
        Directory.CreateDirectory(Path.Combine(dir, "models", "staging"));
        Directory.CreateDirectory(Path.Combine(dir, "models", "marts"));
        Directory.CreateDirectory(Path.Combine(dir, "seeds"));
        File.WriteAllText(Path.Combine(dir, "dbt_project.yml"), "name: fixture\nversion: '1.0'\n");
        File.WriteAllText(Path.Combine(dir, "seeds", "prices.csv"), "month,price\n2020-01-01,60\n");
        File.WriteAllText(Path.Combine(dir, "models", "staging", "stg_wells.sql"),
            "-- reads ref('not_a_dependency') only in a comment\nselect * from {{ source('raw', 'production') }}\n");
        File.WriteAllText(Path.Combine(dir, "models", "marts", "mart_wells.sql"),
            "{# {{ ref('also_ignored') }} #}\nselect * from {{ ref('stg_wells') }} join {{ ref(\"fixture\", \"prices\") }} using (month)\n");
        return dir;
    }
}
