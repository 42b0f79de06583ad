using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Concord.Federation;
using Concord.Federation.Security;
using Concord.Federation.Transport;
using Concord.Federation.Transport.Http;
using Concord.Flow.Components;
using Concord.Flow.Control;
using Concord.Flow.Jobs;
using Concord.Flow.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Concord.Flow.Node;

/// <summary>
/// One party's node: the federation server (messages in), the transport (messages out), the control
/// endpoints through which the initiator hands out tasks, and the runner of this party's roles.
/// </summary>
public sealed class PartyNode : IAsyncDisposable
{
    private readonly FederationServer _server;
    private readonly HttpTransport _transport;
    private readonly ConcurrentDictionary<int, ControlClient> _controls;
    private readonly TaskCompletionSource _shutdown = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PartyNode(NodeSettings settings, FederationServer server, HttpTransport transport, ConcurrentDictionary<int, ControlClient> controls)
    {
        Settings = settings;
        _server = server;
        _transport = transport;
        _controls = controls;
    }

    public NodeSettings Settings { get; }

    public Uri Address => _server.Address;

    /// <summary>Completes when an operator asks the node to shut down.</summary>
    public Task ShutdownRequested => _shutdown.Task;

    public static async Task<PartyNode> StartAsync(NodeSettings settings, ComponentCatalog catalog, Action<string> log, ILoggerProvider? kestrelLog = null, CancellationToken ct = default)
    {
        var self = settings.Config.Party(settings.PartyId);
        var certificate = CertificateFiles.LoadWithKey(self.Certificate, self.Key);
        var named = PartyIdentity.PartyIdOf(certificate);
        if (named != self.Id)
        {
            throw new FederationException($"certificate {self.Certificate} names party {named?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}, but this node is party {self.Id}");
        }
        var ca = CertificateFiles.LoadPublic(settings.Config.CaCertificate);
        var mailbox = new Mailbox();
        var options = settings.Federation with { SpoolDirectory = Path.Combine(settings.PartyHome, "spool") };
        var transport = new HttpTransport(self.Id, mailbox, settings.Config.Directory(), certificate, ca, options);
        var runner = new TaskRunner(self.Id, transport, catalog, settings.PartyHome, log);
        var controls = new ConcurrentDictionary<int, ControlClient>();
        ControlClient ControlOf(int party) => controls.GetOrAdd(party, id => new ControlClient(settings.Config.Party(id).Address, id, certificate, ca));
        var coordinator = new JobCoordinator(self.Id, runner, ControlOf);

        PartyNode? node = null;
        var listen = new IPEndPoint(ListenAddress(self.Address), self.Address.Port);
        var server = await FederationServer.StartAsync(
            new FederationServerOptions(self.Id, listen, certificate, ca) { Federation = options, Logging = kestrelLog, OnRejection = log },
            mailbox,
            app => MapControl(app, settings, runner, coordinator, () => node!._shutdown.TrySetResult()),
            ct).ConfigureAwait(false);
        node = new PartyNode(settings, server, transport, controls);
        return node;
    }

    private static IPAddress ListenAddress(Uri address) =>
        IPAddress.TryParse(address.Host, out var ip) ? ip
        : address.IsLoopback ? IPAddress.Loopback
        : IPAddress.Any;

    private static void MapControl(WebApplication app, NodeSettings settings, TaskRunner runner, JobCoordinator coordinator, Action requestShutdown)
    {
        app.MapGet(ControlPaths.Health, () => Results.Json(true));

        app.MapPost(ControlPaths.Jobs, async (HttpContext http, JobRequest request) =>
        {
            if (!(await Caller.OfAsync(http).ConfigureAwait(false)).IsOperator)
            {
                return Results.Text("only the operator may submit jobs", statusCode: StatusCodes.Status403Forbidden);
            }
            try
            {
                var report = await coordinator.RunAsync(request, settings.JobTimeout, http.RequestAborted).ConfigureAwait(false);
                return Results.Json(report, ControlJson.Options);
            }
            catch (ArgumentException ex)
            {
                return Results.Text(ex.Message, statusCode: StatusCodes.Status400BadRequest);
            }
        });

        app.MapPost(ControlPaths.Tasks, async (HttpContext http, TaskRequest request) =>
        {
            var caller = await Caller.OfAsync(http).ConfigureAwait(false);
            if (request.Initiator != request.Roster.Guest)
            {
                return Results.Text($"job {request.JobId} names party {request.Initiator} as initiator, but only its guest {request.Roster.Guest} may initiate", statusCode: StatusCodes.Status400BadRequest);
            }
            if (!caller.IsOperator && caller.PartyId != request.Initiator)
            {
                return Results.Text($"party {caller.PartyId} may not start tasks for a job initiated by party {request.Initiator}", statusCode: StatusCodes.Status403Forbidden);
            }
            try
            {
                return Results.Json(runner.Start(request), ControlJson.Options);
            }
            catch (ArgumentException ex)
            {
                return Results.Text(ex.Message, statusCode: StatusCodes.Status400BadRequest);
            }
        });

        app.MapGet(ControlPaths.Tasks + "/{jobId}", (string jobId) => runner.Report(jobId) is TaskReport report
            ? Results.Json(report with { Result = null }, ControlJson.Options)
            : Results.Text($"no task for job {jobId} at party {settings.PartyId}", statusCode: StatusCodes.Status404NotFound));

        app.MapDelete(ControlPaths.Tasks + "/{jobId}", (string jobId) =>
        {
            runner.Cancel(jobId);
            return runner.Report(jobId) is TaskReport report
                ? Results.Json(report with { Result = null }, ControlJson.Options)
                : Results.Text($"no task for job {jobId} at party {settings.PartyId}", statusCode: StatusCodes.Status404NotFound);
        });

        app.MapPost(ControlPaths.Shutdown, async (HttpContext http) =>
        {
            if (!(await Caller.OfAsync(http).ConfigureAwait(false)).IsOperator)
            {
                return Results.Text("only the operator may shut a node down", statusCode: StatusCodes.Status403Forbidden);
            }
            requestShutdown();
            return Results.Json(true);
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync().ConfigureAwait(false);
        await _transport.DisposeAsync().ConfigureAwait(false);
        foreach (var control in _controls.Values)
        {
            control.Dispose();
        }
    }
}
