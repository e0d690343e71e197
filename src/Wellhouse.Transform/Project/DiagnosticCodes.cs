namespace Wellhouse.Transform.Project;

/// <summary>The diagnostic codes of the front end (documented in docs/engine.md).</summary>
internal static class DiagnosticCodes
{
    public const string YamlSyntax = "DBT100";
    public const string UnknownKey = "DBT101";
    public const string InvalidValue = "DBT102";
    public const string MissingProjectFile = "DBT103";
    public const string MissingProfile = "DBT110";
    public const string MissingTarget = "DBT111";
    public const string UnsupportedAdapter = "DBT112";
    public const string DuplicateName = "DBT120";
    public const string CSharpModelNotRegistered = "DBT130";
    public const string InvalidTest = "DBT140";
    public const string UnreadableFile = "DBT150";
    public const string PackagesNotInstalled = "DBT170";
    public const string DepsFailed = "DBT171";

    /// <summary>A dbt feature the engine reads but does not carry out yet (a warning naming what is left out).</summary>
    public const string NotSupported = "DBT180";
    public const string UnknownRef = "DBT200";
    public const string UnknownSource = "DBT201";
    public const string Cycle = "DBT202";
    public const string BadSelector = "DBT203";
    public const string UnknownDoc = "DBT204";
    public const string UnknownTestMacro = "DBT205";

    /// <summary>A model past (or near) its <c>deprecation_date</c>, or a reference to one (a warning, as dbt's).</summary>
    public const string Deprecated = "DBT206";

    /// <summary>A ref to a private model from outside its group (or a protected one of a restrict-access package), an
    /// unknown group, or an invalid access value: dbt's parse errors.</summary>
    public const string AccessViolation = "DBT207";

    /// <summary>Constraints on a materialization that cannot hold them (a view): dbt's warning, they are not applied.</summary>
    public const string ConstraintIgnored = "DBT208";
    public const string UndefinedVar = "DBT300";
    public const string MissingEnvVar = "DBT301";
    public const string CompilerError = "DBT302";
    public const string BadVars = "DBT303";
    public const string JinjaError = "JINJA000";
}
