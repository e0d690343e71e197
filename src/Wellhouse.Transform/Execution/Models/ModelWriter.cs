namespace Wellhouse.Transform.Execution.Models;

/// <summary>
/// Appends rows to a C# model's table: <see cref="StartRow"/>, then one value per column in the table's order.
/// <see cref="Complete"/> commits what was written; disposing without it discards the rows not yet committed
/// (the engine drops a failed model's staged table in any case). Not thread-safe: one writer per thread.
/// </summary>
public abstract class ModelWriter : IDisposable
{
    public abstract void StartRow();

    public abstract void Write(int value);

    public abstract void Write(double value);

    public abstract void Write(string value);

    public abstract void Write(DateOnly value);

    public abstract void Write(IReadOnlyList<DateOnly> values);

    public abstract void Write(IReadOnlyList<double> values);

    /// <summary>An <see cref="ModelType.Enum"/> value by its index in <see cref="ModelColumn.Values"/>.</summary>
    public abstract void WriteEnum(int index);

    public abstract void WriteNull();

    public void Write(int? value)
    {
        if (value is { } v)
        {
            Write(v);
        }
        else
        {
            WriteNull();
        }
    }

    public void Write(double? value)
    {
        if (value is { } v)
        {
            Write(v);
        }
        else
        {
            WriteNull();
        }
    }

    public void Write(DateOnly? value)
    {
        if (value is { } v)
        {
            Write(v);
        }
        else
        {
            WriteNull();
        }
    }

    /// <summary>Writes text, or NULL for null.</summary>
    public void WriteText(string? value)
    {
        if (value is null)
        {
            WriteNull();
        }
        else
        {
            Write(value);
        }
    }

    /// <summary>Writes <paramref name="count"/> NULLs.</summary>
    public void WriteNulls(int count)
    {
        for (var i = 0; i < count; i++)
        {
            WriteNull();
        }
    }

    /// <summary>Ends the last row and commits every row written.</summary>
    public abstract void Complete();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}
