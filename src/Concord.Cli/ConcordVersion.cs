using System.Reflection;

namespace Concord.Cli;

/// <summary>
/// The one version string of this build, from the assembly's informational version (the package version, and the
/// commit when the build knew it): <c>concord version</c> and <c>concord --version</c> both print it.
/// </summary>
internal static class ConcordVersion
{
    public static string Text { get; } =
        typeof(ConcordVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ConcordVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
