namespace Concord.ML.JobParameters;

/// <summary>
/// A group of job parameters, such as <c>init_param</c>, whose fields are properties of the type carrying this
/// attribute marked <c>[Parameter(..., Group = name)]</c>. A nested options record needs none: it is a group by itself.
/// </summary>
/// <param name="name">The group's name in job files.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class ParameterGroupAttribute(string name) : Attribute
{
    /// <summary>The group's name in job files.</summary>
    public string Name => name;

    /// <summary>One line for the component's reference.</summary>
    public string Description { get; set; } = "";
}
