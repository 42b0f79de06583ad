using System.Text;
using Concord.Flow.Dsl.Parsing;
using YamlDotNet.RepresentationModel;

namespace Concord.Flow.Dsl;

/// <summary>
/// How big a job a node takes on. Each node applies its own limits to every job it is asked to run, so a
/// peer cannot make it parse, store or run more than its operator allowed. A job over a limit is refused before
/// anything is stored, with the limit and the node option that sets it named.
/// </summary>
public sealed record JobLimits
{
    public int MaxComponents { get; init; } = 500;

    /// <summary>Distinct parties in the job's roster: guest, hosts and arbiter.</summary>
    public int MaxParties { get; init; } = 64;

    public int MaxFileKilobytes { get; init; } = 1024;

    /// <summary>The file's size is checked before it is parsed, so an oversized one costs nothing to refuse.</summary>
    internal void CheckSize(string yaml, string source)
    {
        var kilobytes = (Encoding.UTF8.GetByteCount(yaml) + 1023L) / 1024;
        if (kilobytes > MaxFileKilobytes)
        {
            throw new ArgumentException($"job file {source} is {kilobytes} KiB; this node takes job files of at most {MaxFileKilobytes} KiB (node option --max-job-file-kb)");
        }
    }

    /// <summary>Counted on the raw YAML, before the components are read and checked one by one.</summary>
    internal void CheckComponents(YamlMappingNode root, string source)
    {
        if (root.Get("components") is YamlSequenceNode { Children.Count: var count } && count > MaxComponents)
        {
            throw new ArgumentException($"job file {source} has {count} components; this node runs at most {MaxComponents} per job (node option --max-job-components)");
        }
    }

    internal void CheckParties(JobDefinition job)
    {
        var count = job.Roster.ToRoster().All().Select(p => p.Id).Distinct().Count();
        if (count > MaxParties)
        {
            throw new ArgumentException($"job file {job.Source} names {count} parties; this node takes at most {MaxParties} per job (node option --max-job-parties)");
        }
    }
}
