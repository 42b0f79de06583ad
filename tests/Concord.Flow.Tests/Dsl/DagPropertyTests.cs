using System.Text;
using Concord.Flow.Dsl;
using Concord.Flow.Dsl.Specs;
using FsCheck;
using FsCheck.Fluent;

namespace Concord.Flow.Tests.Dsl;

/// <summary>On random DAGs written in random order: the order, layers and readiness respect every input; a back edge is a named cycle.</summary>
public sealed class DagPropertyTests
{
    private const int Slots = 4;

    /// <summary>A component with a few optional data inputs, so any DAG of fan-in below <see cref="Slots"/> can be written.</summary>
    private static readonly ComponentSpecs NodeSpecs = new(
    [
        new ComponentSpec("node", "takes any of a few data inputs")
        {
            Inputs = [.. Enumerable.Range(0, Slots).Select(i => InputSpec.Data($"in{i}", required: false))],
            Outputs = [OutputSpec.Data],
        },
    ]);

    /// <summary>Node j reads from <c>Producers[j]</c>, all below j; the file lists the nodes in <c>FileOrder</c>.</summary>
    public sealed record RandomDag(int[][] Producers, int[] FileOrder)
    {
        public int Count => Producers.Length;

        public override string ToString() =>
            string.Join("; ", FileOrder.Select(j => $"n{j} <- {string.Join(",", Producers[j].Select(p => $"n{p}"))}"));
    }

    private static readonly Gen<RandomDag> Dags =
        from n in Gen.Choose(1, 12)
        from producers in Gen.CollectToArray(Enumerable.Range(0, n), j => Gen.SubListOf(Enumerable.Range(0, j)).Select(p => p.Take(Slots - 1).ToArray()))
        from order in Gen.Shuffle(Enumerable.Range(0, n))
        select new RandomDag(producers, order);

    /// <summary>The job file, and the line of each node's inputs.</summary>
    private static (string Yaml, Dictionary<string, int> InputsLine) Write(RandomDag dag, int[][] producers)
    {
        var yaml = new StringBuilder("parties: { guest: 1 }\ncomponents:\n");
        var lines = new Dictionary<string, int>();
        var line = 3;
        foreach (var j in dag.FileOrder)
        {
            var inputs = string.Join(", ", producers[j].Select((p, slot) => $"in{slot}: n{p}.data"));
            yaml.Append($"- name: n{j}\n  type: node\n  inputs: {{ {inputs} }}\n");
            lines[$"n{j}"] = line + 2;
            line += 3;
        }
        return (yaml.ToString(), lines);
    }

    private static JobDefinition Parse(RandomDag dag) => JobFile.Parse(Write(dag, dag.Producers).Yaml, "random.yaml", NodeSpecs);

    [Fact]
    public void Any_dag_in_any_file_order_comes_out_with_each_component_after_its_inputs()
    {
        Prop.ForAll(Dags.ToArbitrary(), dag =>
        {
            var job = Parse(dag);
            var position = job.Components.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i);
            Assert.Equal(Enumerable.Range(0, dag.Count).Select(j => $"n{j}").Order(), position.Keys.Order());
            for (var j = 0; j < dag.Count; j++)
            {
                Assert.Equal(dag.Producers[j].Select(p => $"n{p}").Order(), job.Dependencies($"n{j}").Select(c => c.Name).Order());
                Assert.All(dag.Producers[j], p => Assert.True(position[$"n{p}"] < position[$"n{j}"], $"n{p} feeds n{j} but comes after it"));
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Running_whatever_is_ready_in_rounds_runs_the_layers_and_everything_once()
    {
        Prop.ForAll(Dags.ToArbitrary(), dag =>
        {
            var job = Parse(dag);
            var done = new List<string>();
            var rounds = new List<string[]>();
            while (job.ReadyAfter(done) is { Count: > 0 } ready)
            {
                Assert.All(ready, c => Assert.All(job.Dependencies(c.Name), d => Assert.Contains(d.Name, done)));
                rounds.Add([.. ready.Select(c => c.Name)]);
                done.AddRange(rounds[^1]);
            }
            Assert.Equal(dag.Count, done.Distinct().Count());
            Assert.Equal(job.Layers().Select(l => l.Select(c => c.Name).ToArray()), rounds);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Adding_an_edge_back_from_a_descendant_is_reported_as_a_cycle_of_real_edges()
    {
        var withBackEdge =
            from dag in Dags
            from u in Gen.Choose(0, dag.Count - 1)
            from v in Gen.Elements(Reachable(dag, u))
            select (dag, u, v);
        Prop.ForAll(withBackEdge.ToArbitrary(), c =>
        {
            var (dag, u, v) = c;
            var producers = dag.Producers.Select((p, j) => j == u ? [.. p, v] : p).ToArray();
            var (yaml, inputsLine) = Write(dag, producers);
            var failure = Assert.Throws<JobFileException>(() => JobFile.Parse(yaml, "random.yaml", NodeSpecs));
            var error = Assert.Single(failure.Errors);
            var message = error.Message;
            var start = message.IndexOf("cycle: ", StringComparison.Ordinal) + "cycle: ".Length;
            var cycle = message[start..message.IndexOf(" (each", StringComparison.Ordinal)].Split(" → ");
            Assert.Equal(cycle[0], cycle[^1]);
            Assert.Contains($"n{u}", cycle);
            Assert.Contains($"n{v}", cycle);
            for (var i = 0; i + 1 < cycle.Length; i++)
            {
                var (from, to) = (int.Parse(cycle[i][1..], System.Globalization.CultureInfo.InvariantCulture), int.Parse(cycle[i + 1][1..], System.Globalization.CultureInfo.InvariantCulture));
                Assert.Contains(from, producers[to]);
            }
            Assert.Equal(inputsLine[cycle[0]], error.Line);
        }).QuickCheckThrowOnFailure();
    }

    /// <summary>The nodes <paramref name="from"/> feeds, directly or not, and itself.</summary>
    private static int[] Reachable(RandomDag dag, int from)
    {
        var reached = new HashSet<int> { from };
        for (var j = from + 1; j < dag.Count; j++)
        {
            if (dag.Producers[j].Any(reached.Contains))
            {
                reached.Add(j);
            }
        }
        return [.. reached];
    }
}
