using System.Text.Json.Nodes;
using Concord.Flow.Dsl;
using Concord.Flow.Dsl.Specs;

namespace Concord.Flow.Deployment;

/// <summary>
/// Turns a training job into the job that scores new rows with what it fitted, as FATE's deploy does: the chosen
/// models and everything upstream of them, each fitted component (a model in predict mode, a transform applying its
/// fitted state) fed its share by a model_loader that reads the deployment's bundle, and the readers left to be
/// pointed at the new table. Evaluation and anything else downstream of the models is left out, and a step of training
/// alone (data_split) is bypassed: what it fed reads its input, so every new row is scored.
/// </summary>
public static class PredictPipeline
{
    public const string Predict = "predict";
    private const string InputModel = "input_model";
    private const string TrainData = "train_data";
    private const string TestData = "test_data";

    /// <summary>The component names of the predict job's model_loader for fitted component <paramref name="component"/>.</summary>
    public static string LoaderOf(string component) => $"model_loader_{component}";

    /// <param name="chosen">The models to deploy; every component that can predict when null.</param>
    /// <returns>The predict job as a job file (JSON, which the YAML reader takes) with the readers' tables unset, and the fitted components.</returns>
    public static (JsonObject Template, IReadOnlyList<string> Fitted) Build(JobDefinition training, IReadOnlyList<string>? chosen, string deployment)
    {
        var models = chosen is null
            ? [.. training.Components.Where(Predicts)]
            : chosen.Select(training.Component).Select(c => Predicts(c) ? c : throw new ArgumentException($"{c} cannot score new rows: only a trained model can be deployed")).ToList();
        if (models.Count == 0)
        {
            throw new ArgumentException($"job {training.Settings.Name} trained no model that can score new rows (components: {string.Join(", ", training.Components)})");
        }
        var kept = new HashSet<string>(StringComparer.Ordinal);
        void Keep(JobComponent c)
        {
            if (kept.Add(c.Name))
            {
                foreach (var producer in Feeding(c, models.Contains(c)).Select(i => training.Component(i.Producer)))
                {
                    Keep(producer);
                }
            }
        }
        models.ForEach(Keep);

        var components = new JsonArray();
        var fitted = new List<string>();
        foreach (var c in training.Components.Where(c => kept.Contains(c.Name) && !c.Spec.TrainingOnly))
        {
            var isModel = models.Contains(c);
            var isTransform = !isModel && c.Spec.Outputs.Any(o => o.Kind == ArtifactKind.Model);
            if (isTransform && c.Spec.Input(InputModel) is null)
            {
                throw new ArgumentException($"{c} feeds the deployed model{(models.Count > 1 ? "s" : "")} and fits a state that cannot yet be applied to new rows");
            }
            if (isModel || isTransform)
            {
                fitted.Add(c.Name);
                components.Add(Loader(c, deployment));
            }
            components.Add(Component(c, isModel, isTransform, i => Source(training, i)));
        }
        var roster = training.Roster;
        var parties = new JsonObject { ["guest"] = roster.Guest, ["hosts"] = new JsonArray([.. roster.Hosts.Select(h => (JsonNode)h)]) };
        if (roster.Arbiter is int arbiter)
        {
            parties["arbiter"] = arbiter;
        }
        var template = new JsonObject
        {
            ["job"] = new JsonObject { ["name"] = $"{Predict}-{deployment}", ["timeout"] = (long)training.Settings.Timeout.TotalSeconds },
            ["parties"] = parties,
            ["components"] = components,
        };
        return (template, fitted);
    }

    /// <summary>The template with every reader reading <paramref name="tables"/>' table for its party.</summary>
    public static string WithTables(JsonObject template, IReadOnlyDictionary<int, Concord.Data.TableName> tables)
    {
        var job = (JsonObject)template.DeepClone();
        foreach (var component in job["components"]!.AsArray().Select(c => c!.AsObject()).Where(c => c["type"]!.GetValue<string>() == "reader"))
        {
            var parties = new JsonObject();
            foreach (var (party, table) in tables)
            {
                parties[$"{party}"] = new JsonObject { ["table"] = new JsonObject { ["namespace"] = table.Namespace, ["name"] = table.Name } };
            }
            component["parties"] = parties;
        }
        return job.ToJsonString();
    }

    /// <summary>The components of a predict template that score rows (those reading test_data), whose guest output is the scores.</summary>
    public static IEnumerable<string> Models(JsonObject template) =>
        template["components"]!.AsArray().Select(c => c!.AsObject()).Where(c => c["inputs"]?[TestData] is not null).Select(c => c["name"]!.GetValue<string>());

    /// <summary>Whether the component is a model trained in this job (its train mode's first input is fed) that has a predict mode.</summary>
    private static bool Predicts(JobComponent c) =>
        c.Spec.Modes.Any(m => m.Name == Predict) && c.Spec.Modes.Any(m => m.Name != Predict && c.Inputs.Any(i => i.Slot == m.Chooser));

    /// <summary>
    /// The inputs that still feed a component when it predicts: its data, but for a model only what it trained on
    /// (validation and test rows of training, and a warm start, are training's business).
    /// </summary>
    private static IEnumerable<ComponentInput> Feeding(JobComponent c, bool isModel) =>
        c.Inputs.Where(i => i.Kind == ArtifactKind.Data && (!isModel || i.Slot == TrainData));

    /// <summary>What an input reads in the predict job: its producer's output, or, through a step of training alone, what fed that step.</summary>
    private static string Source(JobDefinition training, ComponentInput input)
    {
        var producer = training.Component(input.Producer);
        return producer.Spec.TrainingOnly
            ? Source(training, producer.Inputs.Single(i => i.Kind == ArtifactKind.Data))
            : $"{input.Producer}.{input.Output}";
    }

    private static JsonObject Loader(JobComponent c, string deployment) => new()
    {
        ["name"] = LoaderOf(c.Name),
        ["type"] = "model_loader",
        ["parameters"] = new JsonObject { ["model_id"] = deployment, ["component"] = c.Name },
    };

    private static JsonObject Component(JobComponent c, bool isModel, bool isTransform, Func<ComponentInput, string> source)
    {
        var inputs = new JsonObject();
        foreach (var input in Feeding(c, isModel))
        {
            // A model reads the rows to score as test_data; its train_data producer is what feeds them.
            inputs[isModel ? TestData : input.Slot] = source(input);
        }
        if (isModel || isTransform)
        {
            inputs[InputModel] = $"{LoaderOf(c.Name)}.model";
        }
        var component = new JsonObject { ["name"] = c.Name, ["type"] = c.Type };
        if (inputs.Count > 0)
        {
            component["inputs"] = inputs;
        }
        if (c.Type == "reader")
        {
            return component;
        }
        // Shared values once; a per-party value per party, as each party resolved it in training.
        var shared = c.Spec.Parameters.Where(p => !p.IsPerParty).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var first = c.ParametersFor(c.Parties[0]);
        component["parameters"] = Values(first, shared.Contains);
        var parties = new JsonObject();
        foreach (var party in c.Parties)
        {
            var own = c.ParametersFor(party);
            var values = Values(own, name => !shared.Contains(name));
            if (values.Count > 0)
            {
                parties[$"{party}"] = values;
            }
        }
        if (parties.Count > 0)
        {
            component["parties"] = parties;
        }
        return component;
    }

    /// <summary>The set values among <paramref name="parameters"/> that <paramref name="take"/> picks (an unset one stays unset).</summary>
    private static JsonObject Values(JsonObject parameters, Func<string, bool> take) =>
        new([.. parameters.Where(p => p.Value is not null && take(p.Key)).Select(p => KeyValuePair.Create(p.Key, p.Value!.DeepClone()))!]);
}
