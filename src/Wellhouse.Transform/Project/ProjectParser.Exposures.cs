using System.Text.RegularExpressions;

namespace Wellhouse.Transform.Project;

/// <summary>Exposures of the current package's schema files: named <c>exposure.&lt;package&gt;.&lt;name&gt;</c>, their
/// <c>depends_on</c> (<c>ref('x')</c>, <c>ref('pkg', 'x')</c>, <c>source('s', 't')</c>) resolved to nodes and sources.</summary>
internal sealed partial class ProjectParser
{
    [GeneratedRegex(@"^\s*(?<fn>ref|source)\(\s*['""](?<a>[^'""]+)['""]\s*(,\s*['""](?<b>[^'""]+)['""]\s*)?\)\s*$")]
    private static partial Regex DependsOnCall();

    private void LoadExposures()
    {
        foreach (var (exposure, relative) in schema.Exposures)
        {
            exposure.PackageName = file.Name;
            exposure.UniqueId = $"exposure.{file.Name}.{exposure.Name}";
            exposure.OriginalFilePath = current.PackageRelative(relative);
            if (!manifest.Exposures.TryAdd(exposure.UniqueId, exposure))
            {
                diagnostics.Error(DiagnosticCodes.DuplicateName, $"exposure '{exposure.Name}' is defined twice", exposure.DefinedAt);
            }
        }
    }

    private void ResolveExposures()
    {
        foreach (var exposure in manifest.Exposures.Values)
        {
            foreach (var text in exposure.DependsOnText)
            {
                var call = DependsOnCall().Match(text);
                if (!call.Success)
                {
                    diagnostics.Error(DiagnosticCodes.InvalidValue, $"exposure '{exposure.Name}': depends_on entry '{text}' is not ref('...') or source('...', '...')", exposure.DefinedAt);
                    continue;
                }

                var a = call.Groups["a"].Value;
                var b = call.Groups["b"].Success ? call.Groups["b"].Value : null;
                string? id = call.Groups["fn"].Value == "ref"
                    ? (b is null ? services.FindNode(null, a, exposure.PackageName) : services.FindNode(a, b, exposure.PackageName))?.UniqueId
                    : b is null ? null : services.FindSource(a, b, exposure.PackageName)?.UniqueId;
                if (id is null)
                {
                    diagnostics.Error(call.Groups["fn"].Value == "ref" ? DiagnosticCodes.UnknownRef : DiagnosticCodes.UnknownSource, $"exposure '{exposure.Name}' depends on {text.Trim()}, which was not found", exposure.DefinedAt);
                }
                else if (!exposure.DependsOnNodes.Contains(id))
                {
                    exposure.DependsOnNodes.Add(id);
                }
            }
        }
    }
}
