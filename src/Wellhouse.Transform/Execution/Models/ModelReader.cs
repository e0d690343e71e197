namespace Wellhouse.Transform.Execution.Models;

/// <summary>The rows of a query, one at a time, with each value read by its column's ordinal. A number is read as the
/// type asked for whatever numeric type the engine gives it (an integer as a double, for example).</summary>
public abstract class ModelReader : IDisposable
{
    /// <summary>Moves to the next row; false after the last.</summary>
    public abstract bool Read();

    public abstract bool IsNull(int ordinal);

    public abstract int GetInt32(int ordinal);

    public abstract double GetDouble(int ordinal);

    public abstract string GetString(int ordinal);

    public abstract DateOnly GetDate(int ordinal);

    public double? GetNullableDouble(int ordinal) => IsNull(ordinal) ? null : GetDouble(ordinal);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}
