namespace Concord.Flow.Tests.Store;

/// <summary>
/// Where this machine's PostgreSQL server programs are, and whether this process can run them: initdb refuses to
/// run as root, so root needs the postgres system user and runuser to act as it.
/// </summary>
internal sealed record PostgresBinaries(string Folder, string? RunAs)
{
    /// <summary>Overrides the search, e.g. to point at another version, or at nothing to see the skip.</summary>
    public const string FolderVariable = "CONCORD_POSTGRES_BIN";

    private static readonly Lazy<(PostgresBinaries? Found, string? Missing)> Probe = new(Find);

    public static PostgresBinaries? Found => Probe.Value.Found;

    /// <summary>Why the PostgreSQL tests cannot run here, or null when they can.</summary>
    public static string? UnavailableReason => Probe.Value.Missing;

    public string Program(string name) => Path.Combine(Folder, name);

    private static (PostgresBinaries?, string?) Find()
    {
        var folder = Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } chosen
            ? chosen
            : Candidates().FirstOrDefault(HasServer);
        if (folder is null || !HasServer(folder))
        {
            return (null, $"no PostgreSQL server programs (initdb, pg_ctl, postgres) in {folder ?? "/usr/lib/postgresql/*/bin or on PATH"}; install Debian's postgresql package to run these tests");
        }
        if (Environment.UserName != "root")
        {
            return (new PostgresBinaries(folder, null), null);
        }
        if (!File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser"))
        {
            return (null, "running as root, and initdb refuses root, but runuser is missing to run it as the postgres user");
        }
        if (!File.ReadLines("/etc/passwd").Any(line => line.StartsWith("postgres:", StringComparison.Ordinal)))
        {
            return (null, "running as root, and initdb refuses root, but there is no postgres user to run it as");
        }
        return (new PostgresBinaries(folder, "postgres"), null);
    }

    private static IEnumerable<string> Candidates()
    {
        const string Debian = "/usr/lib/postgresql";
        var versions = Directory.Exists(Debian)
            ? Directory.GetDirectories(Debian).OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).Select(d => Path.Combine(d, "bin"))
            : [];
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return versions.Concat(path);
    }

    private static bool HasServer(string folder) =>
        new[] { "initdb", "pg_ctl", "postgres" }.All(name => File.Exists(Path.Combine(folder, name)));
}
