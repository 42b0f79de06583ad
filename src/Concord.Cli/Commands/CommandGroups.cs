using System.CommandLine;
using Concord.Cli.Commands.Data;

namespace Concord.Cli.Commands;

/// <summary>The top-level command groups; each lives in its own file.</summary>
internal static class CommandGroups
{
    public static IEnumerable<Command> All()
    {
        yield return Audit.AuditCommand.Build();
        yield return Bench.BenchCommand.Build();
        yield return Cert.CertCommand.Build();
        yield return DataCommand.Build();
        yield return Governance.GrantCommand.Build();
        yield return Governance.SettingsCommand.Build();
        yield return Governance.TokenCommand.Build();
        yield return Cli.Demo.DemoCommand.Build();
        yield return Job.JobCommand.Build();
        yield return Job.ModelCommand.Build();
        yield return Node.NodeCommand.Build();
        yield return Run.RunCommand.Build();
        yield return Serving.ServingCommand.Build();
        yield return VersionCommand.Build();
    }
}
