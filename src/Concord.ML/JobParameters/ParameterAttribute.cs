using System.Runtime.CompilerServices;

namespace Concord.ML.JobParameters;

/// <summary>
/// Makes an options property a job parameter: its wire name, description and accepted range are written here, its
/// default is the property's initial value, and an enum's words are its members' <see cref="WireNameAttribute"/> names.
/// The job DSL derives the parameter's spec from this and binds job values back onto the property.
/// </summary>
/// <param name="name">The parameter's name in job files, e.g. <c>key_bits</c>.</param>
/// <param name="line">Filled in by the compiler: parameters are listed in the order they are declared.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ParameterAttribute(string name, [CallerLineNumber] int line = 0) : Attribute
{
    /// <summary>The parameter's name in job files.</summary>
    public string Name => name;

    /// <summary>Where the property is declared, which orders the parameters as the options type lists them.</summary>
    public int Line => line;

    /// <summary>One line for the component's reference.</summary>
    public string Description { get; set; } = "";

    /// <summary>The least value accepted (inclusive); NaN for none.</summary>
    public double AtLeast { get; set; } = double.NaN;

    /// <summary>A bound the value must exceed; NaN for none.</summary>
    public double Above { get; set; } = double.NaN;

    /// <summary>The greatest value accepted (inclusive); NaN for none.</summary>
    public double AtMost { get; set; } = double.NaN;

    /// <summary>A bound the value must stay below; NaN for none.</summary>
    public double Below { get; set; } = double.NaN;

    /// <summary>A special value accepted outside the range, such as -1 for "all rows"; NaN for none.</summary>
    public double Or { get; set; } = double.NaN;

    /// <summary>Whether a role or party section may set it; settings every party must share may not.</summary>
    public bool PerParty { get; set; }

    /// <summary>
    /// The group (a <see cref="ParameterGroupAttribute"/> of the declaring type) this property is a field of, such as
    /// <c>init_param</c>; null for a top-level parameter.
    /// </summary>
    public string? Group { get; set; }
}
