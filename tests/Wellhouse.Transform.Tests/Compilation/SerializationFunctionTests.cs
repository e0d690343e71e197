using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Tests.Compilation;

/// <summary>dbt's context functions tojson, fromjson, fromyaml, toyaml, zip_strict and try_or_compiler_error (dbt docs,
/// "Jinja functions").</summary>
public sealed class SerializationFunctionTests
{
    [Fact]
    public async Task The_serialization_functions_give_what_dbt_gives()
    {
        using var project = new TempProject("wellhouse-serialization-");
        project.WriteProject("ser");
        project.Write("models/serialized.sql", """
            {% set parsed = fromjson('{"b": [1, 2.5, true, null], "a": "x<y"}') %}
            {% set doc = fromyaml('k: [1, two]\nflag: yes') %}
            select
              '{{ tojson({"b": 1, "a": "it''s <b>"}) }}' as dumped,
              '{{ tojson({"b": 1, "a": 2}, sort_keys=true) }}' as sorted,
              '{{ parsed.a }}|{{ parsed.b[1] + 1 }}|{{ parsed.b[2] }}|{{ parsed.b[3] }}' as from_json,
              '{{ fromjson("not json", "fallback") }}' as bad_json,
              '{{ doc.k[1] }}|{{ doc.flag }}' as from_yaml,
              '{{ zip_strict([1, 2], ["a", "b"]) | list | length }}' as zipped,
              '{{ try_or_compiler_error("never shown", fromjson, "[3]")[0] }}' as tried
            """);

        var report = await project.RunAsync(DbtCommandKind.Run);

        Assert.True(report.Success, string.Join("\n", project.Log));
        var row = project.Query("select dumped, sorted, from_json, bad_json, from_yaml, zipped, tried from main.serialized").Single();
        Assert.Equal(["{\"b\": 1, \"a\": \"it's <b>\"}", "{\"a\": 2, \"b\": 1}", "x<y|3.5|True|None", "fallback", "two|True", "2", "3"], row);
    }

    [Fact]
    public async Task Toyaml_writes_yaml_sorts_keys_when_asked_and_gives_its_default_for_what_yaml_cannot_hold()
    {
        using var project = new TempProject("wellhouse-serialization-");
        project.WriteProject("ser");
        project.Write("models/as_yaml.sql", """
            select
              '{{ toyaml({"b": [1, "yes"], "a": {"c": none}}) | replace("'", "''") }}' as dumped,
              '{{ toyaml({"b": 1, "a": 2}, sort_keys=true) }}' as sorted,
              '{{ toyaml(this, "fallback") }}' as fallback,
              '{{ fromyaml(toyaml({"k": ["x: y", 2.5]})).k[0] }}' as round_trip
            """);

        var report = await project.RunAsync(DbtCommandKind.Run);

        Assert.True(report.Success, string.Join("\n", project.Log));
        var row = project.Query("select dumped, sorted, fallback, round_trip from main.as_yaml").Single();
        Assert.Equal(["b:\n- 1\n- 'yes'\na:\n  c: null\n", "a: 2\nb: 1\n", "fallback", "x: y"], row);
    }

    [Fact]
    public async Task Selected_resources_and_invocation_args_dict_describe_the_command()
    {
        using var project = new TempProject("wellhouse-serialization-");
        project.WriteProject("ser");
        project.Write("models/first.sql", "select 1 as id");
        project.Write("models/invocation.sql", """
            -- depends_on: {{ ref('first') }}
            select
              '{{ selected_resources | sort | join(",") }}' as selected,
              '{{ invocation_args_dict.which }}|{{ invocation_args_dict.select | join(" ") }}|{{ invocation_args_dict.full_refresh }}' as args
            """);

        var report = await project.RunAsync(DbtCommandKind.Run, select: ["+invocation"]);

        Assert.True(report.Success, string.Join("\n", project.Log));
        var row = project.Query("select selected, args from main.invocation").Single();
        Assert.Equal(["model.ser.first,model.ser.invocation", "run|+invocation|"], row);
    }

    [Fact]
    public async Task An_agate_data_type_jsonifies_values_as_agate_does()
    {
        using var project = new TempProject("wellhouse-serialization-");
        project.WriteProject("ser");
        project.Write("models/jsonified.sql", """
            {% set table = run_query("select 1 as i, 2.5 as n, date '2024-01-02' as d, timestamp '2024-01-02 03:04:05' as t, 'x' as s, null as z") %}
            {% set parts = [] %}
            {% if execute %}
              {% for column in table.columns %}
                {% do parts.append(column.name ~ ':' ~ column.data_type ~ ':' ~ column.data_type.jsonify(column.values()[0])) %}
              {% endfor %}
            {% endif %}
            select '{{ parts | join(",") }}' as jsonified
            """);

        var report = await project.RunAsync(DbtCommandKind.Run);

        Assert.True(report.Success, string.Join("\n", project.Log));
        var value = (string)project.Query("select jsonified from main.jsonified").Single()[0]!;
        Assert.Equal("i:Integer:1,n:Number:2.5,d:Date:2024-01-02,t:DateTime:2024-01-02T03:04:05,s:Text:x,z:Integer:None", value);
    }

    [Fact]
    public async Task Try_or_compiler_error_raises_its_message_when_the_call_fails()
    {
        using var project = new TempProject("wellhouse-serialization-");
        project.WriteProject("ser");
        project.Write("models/failing.sql", "select {{ try_or_compiler_error('the value is not a list', zip_strict, 1) }} as x");

        var report = await project.RunAsync(DbtCommandKind.Run);

        Assert.False(report.Success);
        Assert.Contains(report.Diagnostics.Select(d => d.Message).Concat(project.Log), line => line.Contains("the value is not a list", StringComparison.Ordinal));
    }
}
