namespace Concord.Flow.Dsl.Specs;

/// <summary>Starts a <see cref="ParameterSpec"/> of each kind; chain its methods to constrain it.</summary>
public static class Param
{
    public static ParameterSpec Int(string name) => new(name, ParameterKind.Int);

    public static ParameterSpec Double(string name) => new(name, ParameterKind.Double);

    public static ParameterSpec Bool(string name) => new(name, ParameterKind.Bool);

    public static ParameterSpec String(string name) => new(name, ParameterKind.String);

    public static ParameterSpec Enum(string name, params string[] allowed) => new(name, ParameterKind.Enum) { Allowed = allowed };

    public static ParameterSpec Table(string name) => new(name, ParameterKind.Table);

    public static ParameterSpec StringList(string name) => new(name, ParameterKind.StringList);

    public static ParameterSpec IntMap(string name) => new(name, ParameterKind.IntMap);

    public static ParameterSpec Group(string name, params ParameterSpec[] fields) => new(name, ParameterKind.Group) { Fields = fields };

    public static ParameterSpec TypedList(string name, params ParameterVariant[] variants) => new(name, ParameterKind.TypedList) { Variants = variants };

    /// <summary>One item type of a <see cref="TypedList"/>: its <c>type</c> word and its fields (which may be required).</summary>
    public static ParameterVariant Variant(string type, params ParameterSpec[] fields) => new(type, fields);
}
