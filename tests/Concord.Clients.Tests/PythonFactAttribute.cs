namespace Concord.Clients.Tests;

/// <summary>
/// A test that runs python3: skipped, with the reason shown, on a machine without it (the project itself must not
/// need Python; the example client is checked wherever Python is present, as on CI).
/// </summary>
public sealed class PythonFactAttribute : FactAttribute
{
    public PythonFactAttribute()
    {
        if (Python.Executable is null)
        {
            Skip = "python3 is not on PATH: the Python example client was not run";
        }
    }
}

/// <summary>Where python3 is, if anywhere on PATH.</summary>
internal static class Python
{
    public static string? Executable { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(folder => Path.Combine(folder, "python3"))
        .FirstOrDefault(File.Exists);
}
