using System.Security.Cryptography.X509Certificates;
using Concord.Federation.Security;

namespace Concord.Flow.Node;

/// <summary>
/// Logs the node's own certificate's coming expiry at start and once a day after, since a node left running for
/// months would otherwise warn only at a restart that may never come before the certificate ends.
/// </summary>
internal sealed class ExpiryWatch : IAsyncDisposable
{
    private static readonly TimeSpan Every = TimeSpan.FromDays(1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ExpiryWatch(X509Certificate2 certificate, string certificateFile, Action<string> log)
    {
        Check(certificate, certificateFile, log);
        _loop = RunAsync(certificate, certificateFile, log, _stop.Token);
    }

    private static void Check(X509Certificate2 certificate, string certificateFile, Action<string> log)
    {
        if (CertificateExpiry.Warning(certificate, certificateFile, DateTimeOffset.UtcNow) is string warning)
        {
            log(warning);
        }
    }

    private static async Task RunAsync(X509Certificate2 certificate, string certificateFile, Action<string> log, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Every);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                Check(certificate, certificateFile, log);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
