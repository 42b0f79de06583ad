namespace Concord.Cli.Commands.Bench;

/// <summary>Progress lines of a long benchmark on stderr, each with the seconds since it started, so stdout stays the result.</summary>
internal static class BenchProgress
{
    public static Progress<string> Create()
    {
        var started = DateTime.UtcNow;
        return new Progress<string>(line => Console.Error.WriteLine($"[{(DateTime.UtcNow - started).TotalSeconds,5:F0} s] {line}"));
    }
}
