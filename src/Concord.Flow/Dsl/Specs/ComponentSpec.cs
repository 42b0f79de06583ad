using Concord.Federation.Parties;

namespace Concord.Flow.Dsl.Specs;

/// <summary>
/// What the job DSL knows about one component type: where it runs, what it consumes and produces, and
/// which parameters it takes. The DSL checks a job against these before anything runs.
/// </summary>
public sealed record ComponentSpec(string Type, string Description)
{
    /// <summary>The roles that run this component; every party of the job in one of these roles takes part.</summary>
    public IReadOnlyList<Role> Roles { get; init; } = [Role.Guest, Role.Host];

    /// <summary>The roles the job must have at least one party in, or the component cannot run.</summary>
    public IReadOnlyList<Role> RequiredRoles { get; init; } = [Role.Guest];

    public IReadOnlyList<InputSpec> Inputs { get; init; } = [];

    /// <summary>The modes a component runs in, chosen by its inputs (see <see cref="InputMode"/>); empty for a component with one.</summary>
    public IReadOnlyList<InputMode> Modes { get; init; } = [];

    public IReadOnlyList<OutputSpec> Outputs { get; init; } = [];

    /// <summary>
    /// A step of training alone, such as data_split: a predict pipeline passes every row through it (feeds what it fed
    /// from its own data input), as FATE skips it in predict.
    /// </summary>
    public bool TrainingOnly { get; init; }

    /// <summary>
    /// Whether the component reads labels as numbers (trains on them, scores against them, weighs bins by them): a table
    /// whose labels are still words is refused at run time until a label_transform has encoded them.
    /// </summary>
    public bool NumericLabels { get; init; }

    public IReadOnlyList<ParameterSpec> Parameters { get; init; } = [];

    /// <summary>Checks across parameters and against the job's parties, run once the parameters are resolved.</summary>
    public IReadOnlyList<ComponentRule> Rules { get; init; } = [];

    /// <summary>Checks of the parameters against the inputs the job connects, run with <see cref="Rules"/>.</summary>
    public IReadOnlyList<ComponentInputRule> InputRules { get; init; } = [];

    /// <summary>Checks of each party's own parameters against its role, run with <see cref="Rules"/>.</summary>
    public IReadOnlyList<ComponentPartyRule> PartyRules { get; init; } = [];

    public InputSpec? Input(string name) => Inputs.FirstOrDefault(i => i.Name == name);

    public OutputSpec? Output(string name) => Outputs.FirstOrDefault(o => o.Name == name);

    public ParameterSpec? Parameter(string name) => Parameters.FirstOrDefault(p => p.Name == name);
}
