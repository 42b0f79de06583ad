using Concord.Flow.Dsl;
using static Concord.Flow.Tests.Dsl.JobYaml;

namespace Concord.Flow.Tests.Dsl;

/// <summary>The DAG as the scheduler asks about it: what depends on what, and what may run together.</summary>
public sealed class JobDefinitionTests
{
    // reader_0 → psi_0 → transform_0 → lr_0 → eval_0, with stats_0 also reading psi_0 and lr_0
    // validating on reader_1, which nothing else needs.
    private static readonly JobDefinition Branching = Parse(Job($$"""
        {{Reader}}
        - { name: psi_0, type: psi, inputs: { data: reader_0.data } }
        - { name: transform_0, type: data_transform, inputs: { data: psi_0.data } }
        - { name: stats_0, type: statistics, inputs: { data: psi_0.data } }
        - { name: lr_0, type: hetero_lr, inputs: { train_data: transform_0.data, validate_data: reader_1.data } }
        - { name: eval_0, type: evaluation, inputs: { data: lr_0.data } }
        - { name: reader_1, type: reader, parameters: { table: { namespace: demo, name: validate } } }
        """));

    private static string[] Names(IEnumerable<JobComponent> components) => [.. components.Select(c => c.Name)];

    [Fact]
    public void Layers_group_components_that_may_run_together()
    {
        var layers = Branching.Layers().Select(Names).ToList();
        Assert.Equal(
            [["reader_0", "reader_1"], ["psi_0"], ["transform_0", "stats_0"], ["lr_0"], ["eval_0"]],
            layers);
    }

    [Fact]
    public void Ready_after_lists_what_may_start_once_those_are_done()
    {
        Assert.Equal(["reader_0", "reader_1"], Names(Branching.ReadyAfter([])));
        Assert.Equal(["psi_0", "reader_1"], Names(Branching.ReadyAfter(["reader_0"])));
        Assert.Equal(["transform_0", "stats_0"], Names(Branching.ReadyAfter(["reader_0", "reader_1", "psi_0"])));
        // lr_0 waits for reader_1 even though its training data is ready.
        Assert.Equal(["stats_0", "reader_1"], Names(Branching.ReadyAfter(["reader_0", "psi_0", "transform_0"])));
        Assert.Empty(Branching.ReadyAfter(Names(Branching.Components)));
        var error = Assert.Throws<ArgumentException>(() => Branching.ReadyAfter(["reader_9"]));
        Assert.Contains("no component \"reader_9\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dependencies_dependents_and_reruns_follow_the_inputs()
    {
        Assert.Equal(["transform_0", "reader_1"], Names(Branching.Dependencies("lr_0")));
        Assert.Empty(Branching.Dependencies("reader_0"));
        Assert.Equal(["transform_0", "stats_0"], Names(Branching.Dependents("psi_0")));
        Assert.Equal(["transform_0", "lr_0", "eval_0"], Names(Branching.From("transform_0")));
        Assert.Equal(["reader_1", "lr_0", "eval_0"], Names(Branching.From("reader_1")));
        var error = Assert.Throws<ArgumentException>(() => Branching.Component("psi0"));
        Assert.Contains("no component \"psi0\"; did you mean \"psi_0\"?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Component_seeds_are_fixed_by_the_job_seed_and_differ_between_components()
    {
        var seven = new JobSettings("a", TimeSpan.FromMinutes(1), 7, 5);
        Assert.Equal(seven.SeedFor("lr_0"), (seven with { Name = "b" }).SeedFor("lr_0"));
        Assert.NotEqual(seven.SeedFor("lr_0"), seven.SeedFor("lr_1"));
        Assert.NotEqual(seven.SeedFor("lr_0"), (seven with { Seed = 8 }).SeedFor("lr_0"));
    }

    [Fact]
    public void Component_lines_point_back_into_the_file()
    {
        var yaml = Job(Reader);
        Assert.Equal(LineOf(yaml, "- name: reader_0"), Parse(yaml).Component("reader_0").Line);
    }
}
