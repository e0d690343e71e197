using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Execution.Models;

namespace Wellhouse.Warehouse;

/// <summary>
/// The rows of a per-period query in well and period order (its first two columns: well_code, production_period),
/// the order in which the C# models build one well's series at a time. A full build reads them in the order
/// stg_well_production_accepted stores them, which is that order (the table is written with
/// <c>order by well_code, production_period</c>), instead of sorting every row again for each reader: at 100 M rows
/// three models each sorted 100 M rows (docs/warehouse.md, "Scale"). Every row is checked to come after the one before
/// it; one that does not (a table appended to by incremental refreshes, or built by another project's SQL) throws
/// <see cref="WellOrderException"/>, and the model starts over with <see cref="Open"/>'s sorted form. An incremental
/// refresh reads its few wells sorted: their rows were appended after the other wells'.
/// </summary>
internal sealed class WellOrderedRows : IDisposable
{
    private readonly bool check;
    private int lastWell;
    private int lastDay;
    private bool any;

    private WellOrderedRows(ModelReader rows, bool check)
    {
        Rows = rows;
        this.check = check;
    }

    /// <summary>The query's reader, positioned by <see cref="Read"/>.</summary>
    public ModelReader Rows { get; }

    /// <summary>True when the rows come in storage order (and are checked), false when the query sorts them.</summary>
    public bool InStorageOrder => check;

    /// <summary>
    /// Opens <c>select <paramref name="columns"/> from <paramref name="from"/> <paramref name="filter"/></c>: in storage
    /// order when <paramref name="sorted"/> is false, the filter empty (every well) and the engine keeps a stored order
    /// (DuckDB), else with <c>order by</c> the first two columns.
    /// </summary>
    public static WellOrderedRows Open(CSharpModelContext context, string columns, string from, string filter, bool sorted, CancellationToken cancellationToken)
    {
        var select = $"select {columns}\nfrom {from}\n{filter}";
        if (!sorted && filter.Length == 0 && context.Storage.ReadInStorageOrder(select, cancellationToken) is { } stored)
        {
            return new WellOrderedRows(stored, check: true);
        }

        var firstTwo = string.Join(", ", columns.Split(',', 3).Take(2).Select(column => column.Trim()));
        return new WellOrderedRows(context.Read($"{select}\norder by {firstTwo}", cancellationToken), check: false);
    }

    /// <summary>Moves to the next row; false after the last. Throws <see cref="WellOrderException"/> for a row in storage
    /// order that does not come after the one before it (a lower well, or the same well and a period not later).</summary>
    public bool Read()
    {
        if (!Rows.Read())
        {
            return false;
        }

        if (check)
        {
            var well = Rows.GetInt32(0);
            var day = Rows.GetDate(1).DayNumber;
            if (any && (well < lastWell || (well == lastWell && day <= lastDay)))
            {
                throw new WellOrderException();
            }

            (lastWell, lastDay, any) = (well, day, true);
        }

        return true;
    }

    public void Dispose() => Rows.Dispose();
}

/// <summary>Rows read in storage order were not in well and period order: the model reads them again sorted.</summary>
internal sealed class WellOrderException() : Exception("the rows are not stored in well and period order");
