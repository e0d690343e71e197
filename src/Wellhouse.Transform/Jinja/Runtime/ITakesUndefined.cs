namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>A callable that receives undefined arguments as they are, as Jinja2 passes them (a host's wrapper of a
/// macro: a macro's missing argument passed on to another macro stays undefined instead of failing the call).</summary>
internal interface ITakesUndefined : IJinjaCallable
{
}
