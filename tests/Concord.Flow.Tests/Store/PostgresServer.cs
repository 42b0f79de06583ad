using System.Diagnostics;
using System.Globalization;
using Concord.Federation.Transport.Http;

namespace Concord.Flow.Tests.Store;

/// <summary>
/// A throwaway PostgreSQL cluster for the test run: initdb into a temporary folder, started on a free loopback
/// port, stopped and deleted afterwards. Set CONCORD_TEST_POSTGRES to a connection string to use a running server instead.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string ConnectionVariable = "CONCORD_TEST_POSTGRES";

    private string? _folder;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } given)
        {
            ConnectionString = given;
            return;
        }
        // The store tests of a run without PostgreSQL are skipped at discovery; none of them asks for this fixture.
        if (PostgresBinaries.Found is not { } binaries)
        {
            return;
        }
        _folder = Directory.CreateTempSubdirectory("concord-pg-").FullName;
        var data = Path.Combine(_folder, "data");
        var sockets = Path.Combine(_folder, "sockets");
        Directory.CreateDirectory(sockets);
        if (binaries.RunAs is { } user)
        {
            await RunAsync("chown", ["-R", user, _folder]);
        }
        // No fsync and no locale: the cluster lives for one test run, and the tests compare bytes, not collations.
        await RunAsync(binaries, "initdb", ["-D", data, "-A", "trust", "-U", "concord", "-E", "UTF8", "--no-locale", "--no-sync"]);
        var port = LoopbackPort.Free();
        var options = $"-p {port.ToString(CultureInfo.InvariantCulture)} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        var log = Path.Combine(_folder, "server.log");
        try
        {
            await RunAsync(binaries, "pg_ctl", ["-D", data, "-l", log, "-w", "-t", "30", "-o", options, "start"]);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"{ex.Message}\nserver log:\n{(File.Exists(log) ? await File.ReadAllTextAsync(log) : "(none)")}", ex);
        }
        ConnectionString = $"Host=127.0.0.1;Port={port.ToString(CultureInfo.InvariantCulture)};Username=concord;Database=postgres;Timeout=15";
    }

    public async Task DisposeAsync()
    {
        if (_folder is null)
        {
            return;
        }
        try
        {
            await RunAsync(PostgresBinaries.Found!, "pg_ctl", ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static Task RunAsync(PostgresBinaries binaries, string program, string[] arguments) =>
        binaries.RunAs is { } user
            ? RunAsync("runuser", ["-u", user, "--", binaries.Program(program), .. arguments])
            : RunAsync(binaries.Program(program), arguments);

    private static async Task RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Somewhere the postgres user may stand: it cannot enter root's home.
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}");
        }
    }
}
