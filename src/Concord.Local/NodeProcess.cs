using System.Diagnostics;
using System.Globalization;
using Concord.Flow.Control;

namespace Concord.Local;

/// <summary>
/// A party's node run as its own OS process on this machine, with its output in a log file, the way
/// the demo and standalone runs start a federation on loopback.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private NodeProcess(int partyId, Process process, StreamWriter log, string logFile)
    {
        PartyId = partyId;
        _process = process;
        _log = log;
        LogFile = logFile;
    }

    public int PartyId { get; }

    public string LogFile { get; }

    public bool HasExited => _process.HasExited;

    public static NodeProcess Start(int partyId, string configPath, string logFile, IReadOnlyList<string> options)
    {
        var info = SelfExecutable.StartInfo(["node", "start", "--party", partyId.ToString(CultureInfo.InvariantCulture), "--config", configPath, .. options]);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        // Appending, so a node restarted after a crash keeps the log of its first life.
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"could not start the node process of party {partyId}");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new NodeProcess(partyId, process, log, logFile);
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            log.WriteLine(line);
        }
    }

    /// <summary>Waits until the node answers its health check, failing early if the process dies.</summary>
    public async Task WaitUntilHealthyAsync(ControlClient control, TimeSpan timeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"party {PartyId}'s node exited with code {_process.ExitCode} while starting: {LastLines()}");
            }
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
                attempt.CancelAfter(TimeSpan.FromSeconds(2));
                if (await control.IsHealthyAsync(attempt.Token))
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is Federation.FederationException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                if (clock.Elapsed > timeout)
                {
                    throw new TimeoutException($"party {PartyId}'s node did not become healthy within {timeout.TotalSeconds:0} s: {ex.Message}; see {LogFile}");
                }
            }
            await Task.Delay(100, ct);
        }
    }

    public string LastLines(int count = 5)
    {
        lock (_log)
        {
            _log.Flush();
        }
        var lines = File.Exists(LogFile) ? File.ReadAllLines(LogFile) : [];
        return lines.Length == 0 ? "(no output)" : string.Join(" | ", lines.TakeLast(count));
    }

    /// <summary>Waits for a clean exit after a shutdown request, then kills what is left.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        using var wait = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }
}
