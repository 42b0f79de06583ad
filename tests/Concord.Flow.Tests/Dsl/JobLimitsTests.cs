using Concord.Flow.Dsl;
using static Concord.Flow.Tests.Dsl.JobYaml;

namespace Concord.Flow.Tests.Dsl;

/// <summary>A node's limits on the jobs it takes, each named in a one-line refusal.</summary>
public sealed class JobLimitsTests
{
    private static string Statistics(int count) => Job(Reader + string.Concat(Enumerable.Range(0, count).Select(i => $"\n- {{ name: stats_{i}, type: statistics, inputs: {{ data: reader_0.data }} }}")));

    [Fact]
    public void A_job_within_every_limit_is_read()
    {
        var limits = new JobLimits { MaxComponents = 4, MaxParties = 4, MaxFileKilobytes = 1 };
        Assert.Equal(4, JobFile.Parse(Statistics(3), Source, limits: limits).Components.Count);
    }

    [Fact]
    public void Too_many_components_are_refused_before_they_are_read()
    {
        // The extra component is broken; the count is refused first, without a word about it.
        var yaml = Statistics(4) + "\n- { name: broken, type: no_such_type }";
        var ex = Assert.Throws<ArgumentException>(() => JobFile.Parse(yaml, Source, limits: new JobLimits { MaxComponents = 4 }));
        Assert.Equal($"job file {Source} has 6 components; this node runs at most 4 per job (node option --max-job-components)", ex.Message);
    }

    [Fact]
    public void Too_many_parties_are_refused() =>
        Assert.Equal(
            $"job file {Source} names 4 parties; this node takes at most 3 per job (node option --max-job-parties)",
            Assert.Throws<ArgumentException>(() => JobFile.Parse(Statistics(1), Source, limits: new JobLimits { MaxParties = 3 })).Message);

    [Fact]
    public void A_file_over_the_size_limit_is_refused_unread()
    {
        var yaml = "{ not even yaml" + new string(' ', 3000);
        var ex = Assert.Throws<ArgumentException>(() => JobFile.Parse(yaml, Source, limits: new JobLimits { MaxFileKilobytes = 2 }));
        Assert.Equal($"job file {Source} is 3 KiB; this node takes job files of at most 2 KiB (node option --max-job-file-kb)", ex.Message);
    }
}
