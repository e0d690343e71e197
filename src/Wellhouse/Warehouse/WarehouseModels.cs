using Wellhouse.Transform.Execution;

namespace Wellhouse.Warehouse;

/// <summary>
/// The C# models of the warehouse/ dbt project, for the host to register with the engine. Each is declared in a
/// schema .yml of the project (models/intermediate/_intermediate__models.yml) under the same name.
/// </summary>
internal static class WarehouseModels
{
    /// <summary>All C# models of the well pipeline, in dependency order.</summary>
    public static IReadOnlyList<ICSharpModel> All { get; } = [new DeclineFitsModel(), new PopulationForecastModel(), new HindcastModel(), new TrendlinePredictionsModel()];

    /// <summary>The same models by name, as the engine's <c>CSharpModels</c> option takes them.</summary>
    public static IReadOnlyDictionary<string, ICSharpModel> ByName { get; } = All.ToDictionary(model => model.Name, StringComparer.Ordinal);
}
