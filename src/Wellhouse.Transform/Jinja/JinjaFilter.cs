namespace Wellhouse.Transform.Jinja;

/// <summary>A filter: <c>value | name(arguments)</c>. The filtered value is not part of <paramref name="arguments"/>.</summary>
public delegate object? JinjaFilter(object? value, JinjaCallArguments arguments);
