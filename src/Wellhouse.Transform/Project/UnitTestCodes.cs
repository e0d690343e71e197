namespace Wellhouse.Transform.Project;

/// <summary>Diagnostic codes of unit tests (documented in docs/engine.md, "Unit tests").</summary>
internal static class UnitTestCodes
{
    /// <summary>The tested model does not exist (or is not a SQL model).</summary>
    public const string UnknownModel = "DBT160";

    /// <summary>A given input is not ref()/source()/this, or the model does not reference it.</summary>
    public const string BadInput = "DBT161";

    /// <summary>A column of a given or expect row does not exist in the input or the model's output.</summary>
    public const string UnknownColumn = "DBT162";

    /// <summary>Rows that do not match their format (not a list of mappings, bad CSV, a non-scalar value).</summary>
    public const string MalformedRows = "DBT163";

    /// <summary>A fixture file that does not exist.</summary>
    public const string MissingFixture = "DBT164";

    /// <summary>The model references an input the unit test does not give.</summary>
    public const string MissingInput = "DBT165";
}
