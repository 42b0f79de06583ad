using System.Collections.Concurrent;
using System.Net;
using Concord.Federation;
using Concord.Federation.Security;
using Concord.Federation.Transport;
using Concord.Federation.Transport.Auditing;
using Concord.Federation.Transport.Http;
using Concord.Flow.Api;
using Concord.Flow.Api.Access;
using Concord.Flow.Api.Documentation;
using Concord.Flow.Audit;
using Concord.Flow.Components;
using Concord.Flow.Control;
using Concord.Flow.Deployment;
using Concord.Flow.Governance;
using Concord.Flow.Jobs;
using Concord.Flow.Serving;
using Concord.Flow.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Concord.Flow.Node;

/// <summary>
/// One party's node: the federation server (messages in), the transport (messages out), the control
/// endpoints through which the initiator hands out jobs, the operator's REST API, and this party's job runs.
/// </summary>
public sealed class PartyNode : IAsyncDisposable
{
    private readonly FederationServer _server;
    private readonly HttpTransport _transport;
    private readonly IFlowStore _store;
    private readonly AuditLog? _audit;
    private readonly PartyJobs _jobs;
    private readonly ConcurrentDictionary<int, ControlClient> _controls;
    private readonly Mailbox _mailbox;
    private readonly GuestServing _serving;
    private readonly ExpiryWatch _expiry;
    private readonly TaskCompletionSource _shutdown = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PartyNode(NodeSettings settings, FederationServer server, HttpTransport transport, IFlowStore store, AuditLog? audit, PartyJobs jobs, ConcurrentDictionary<int, ControlClient> controls, Mailbox mailbox, GuestServing serving, ExpiryWatch expiry)
    {
        _expiry = expiry;
        _serving = serving;
        _audit = audit;
        _mailbox = mailbox;
        Settings = settings;
        _jobs = jobs;
        _server = server;
        _transport = transport;
        _store = store;
        _controls = controls;
    }

    public NodeSettings Settings { get; }

    public Uri Address => _server.Address;

    /// <summary>Messages waiting here for this party's jobs; its byte counts show what peers make the node hold.</summary>
    public Mailbox Mailbox => _mailbox;

    /// <summary>Completes when an operator asks the node to shut down.</summary>
    public Task ShutdownRequested => _shutdown.Task;

    /// <summary>This party's deployments as guest, for tests that look at what they served.</summary>
    internal GuestServing Serving => _serving;

    public static async Task<PartyNode> StartAsync(NodeSettings settings, ComponentCatalog catalog, Action<string> log, ILoggerProvider? kestrelLog = null, CancellationToken ct = default)
    {
        var self = settings.Config.Party(settings.PartyId);
        var certificate = CertificateFiles.LoadWithKey(self.Certificate, self.Key);
        var named = PartyIdentity.PartyIdOf(certificate);
        if (named != self.Id)
        {
            throw new FederationException($"certificate {self.Certificate} names party {named?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}, but this node is party {self.Id}");
        }
        if (CertificateHosts.WhyNotCovering(certificate, self.Certificate, self.Id, self.Address) is string uncovered)
        {
            throw new FederationException(uncovered);
        }
        var ca = CertificateFiles.LoadPublic(settings.Config.CaCertificate);
        var revocations = new Revocations(settings.Config.RevocationList, ca);
        revocations.Load();
        var options = settings.Federation with { SpoolDirectory = Path.Combine(settings.PartyHome, "spool") };
        var (files, bytes) = Mailbox.ClearSpool(options.SpoolDirectory);
        if (files > 0)
        {
            log($"party {self.Id}: deleted {files} spool files ({bytes} bytes) left by an earlier run of this node; no job can read them now");
        }
        var mailbox = new Mailbox(options);
        if (settings.Transcript is { } transcript)
        {
            // From the start: a peer's message can land before this party's component has made its context.
            mailbox.RecordDeliveriesTo(transcript);
        }
        var sessions = new JobSessions(mailbox);
        var transport = new HttpTransport(self.Id, mailbox, settings.Config.Directory(), certificate, ca, options, revocations);
        var store = await FlowStore.OpenAsync(settings.PartyHome, settings.PostgresConnectionString, ct).ConfigureAwait(false);
        var audit = settings.Audit
            ? await AuditLog.OpenAsync(store, new AuditLogOptions(self.Id, certificate, settings.AuditCheckpointEvery), log, ct).ConfigureAwait(false)
            : null;
        IFederationTransport messages = audit is null ? transport : new AuditedTransport(transport, audit);
        IAuditLog auditLog = audit is null ? NoAuditLog.Instance : audit;
        var admission = new JobAdmission(settings.JobLimits, settings.Config, catalog.Specs);
        var governance = audit is null ? settings.GovernanceEvents : new AuditedGovernanceEvents(audit, settings.GovernanceEvents);
        var partyServices = new PartyServices(self.Id, settings.PartyHome, messages, catalog, store, log, admission, new TaskSlots(settings.MaxRunningTasks))
        {
            Transcript = settings.Transcript,
            Masking = new IdMasking { Enabled = await GovernanceSettings.GetAsync(store, GovernanceSettings.MaskIds, ct).ConfigureAwait(false) },
            Audit = auditLog,
        };
        var jobs = new PartyJobs(partyServices, sessions) { Consent = new JobConsent(partyServices, governance) };
        await jobs.RecoverAsync(ct).ConfigureAwait(false);
        var controls = new ConcurrentDictionary<int, ControlClient>();
        ControlClient ControlOf(int party) => controls.GetOrAdd(party, id => new ControlClient(settings.Config.Party(id).Address, id, certificate, ca, revocations));
        var scheduler = new JobScheduler(jobs, ControlOf);
        var token = OperatorToken.LoadOrCreate(settings.PartyHome);
        var hostServing = new HostServing(partyServices, governance);
        await hostServing.RestoreAsync(ct).ConfigureAwait(false);
        var guestServing = new GuestServing(partyServices, ControlOf, settings.Serving);
        var deployer = new PipelineDeployer(partyServices, ControlOf, scheduler);
        await guestServing.RestoreAsync(ct).ConfigureAwait(false);
        var credentials = new OperatorCredentials(token, store);
        var context = new NodeContext(self.Id, settings.PartyHome, jobs, scheduler, credentials, governance, guestServing, deployer, new ModelExport(store, certificate, auditLog));

        PartyNode? node = null;
        var listen = new IPEndPoint(ListenAddress(self.Address), self.Address.Port);
        var server = await FederationServer.StartAsync(
            new FederationServerOptions(self.Id, listen, certificate, ca)
            {
                Admission = sessions,
                Revocations = revocations,
                Logging = kestrelLog,
                OnRejection = line =>
                {
                    log(line);
                    auditLog.AppendInBackground(new AuditEvent(AuditKinds.Refused, "federation TLS") { Detail = line });
                },
                ConfigureServices = services =>
                {
                    OperatorApiDocument.AddTo(services);
                    foreach (var extension in settings.Extensions)
                    {
                        extension.AddServices(services, context);
                    }
                },
            },
            mailbox,
            app =>
            {
                app.Use(new OperatorAccess(credentials, governance).InvokeAsync);
                foreach (var extension in settings.Extensions)
                {
                    extension.Map(app, context);
                }
                ControlEndpoints.Map(app, jobs, () => node!._shutdown.TrySetResult());
                var api = OperatorApi.Map(app, jobs, scheduler, certificate, ca);
                AuditApi.Map(api, store, audit, self.Id);
                ServingEndpoints.MapApi(api, guestServing);
                ServingEndpoints.MapControl(app, hostServing, self.Id, settings.ServingDeliveries);
                DeploymentEndpoints.MapApi(api, deployer, store);
                DeploymentEndpoints.MapControl(app, deployer, self.Id);
                GovernanceApi.Map(app, jobs, governance);
                app.MapOpenApi();
            },
            ct).ConfigureAwait(false);
        node = new PartyNode(settings, server, transport, store, audit, jobs, controls, mailbox, guestServing, new ExpiryWatch(certificate, self.Certificate, log));
        return node;
    }

    private static IPAddress ListenAddress(Uri address) =>
        IPAddress.TryParse(address.Host, out var ip) ? ip
        : address.IsLoopback ? IPAddress.Loopback
        : IPAddress.Any;

    public async ValueTask DisposeAsync()
    {
        await _expiry.DisposeAsync().ConfigureAwait(false);
        await _server.DisposeAsync().ConfigureAwait(false);
        await _serving.DisposeAsync().ConfigureAwait(false);
        // Peers see the node gone first; its runs then stop and record their end while the store is still open.
        await _jobs.CancelAllAsync().ConfigureAwait(false);
        await _transport.DisposeAsync().ConfigureAwait(false);
        _mailbox.Dispose();
        if (_audit is not null)
        {
            await _audit.DisposeAsync().ConfigureAwait(false);
        }
        foreach (var control in _controls.Values)
        {
            control.Dispose();
        }
        _store.Dispose();
    }
}
