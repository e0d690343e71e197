namespace Wellhouse.Transform.Project;

/// <summary>A position in a project file: the file's path relative to the project directory, 1-based line and column.</summary>
public readonly record struct SourceSpan(string File, int Line, int Column)
{
    public static SourceSpan None => new(string.Empty, 0, 0);

    public override string ToString() => Line > 0 ? $"{File}({Line},{Column})" : File;
}
