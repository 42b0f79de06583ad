namespace Concord.Flow.Dsl.Specs;

/// <summary>The value types a component parameter can have, and the JSON each resolves to.</summary>
public enum ParameterKind
{
    /// <summary>A whole number (JSON integer).</summary>
    Int,

    /// <summary>A finite number (JSON number).</summary>
    Double,

    /// <summary>true or false.</summary>
    Bool,

    /// <summary>Any text.</summary>
    String,

    /// <summary>One of a fixed list of words.</summary>
    Enum,

    /// <summary>A party's table, as <c>{"namespace": ..., "name": ...}</c>.</summary>
    Table,

    /// <summary>A list of texts, such as column names.</summary>
    StringList,

    /// <summary>A mapping of texts to whole numbers, such as label_transform's <c>label_encoder: { "yes": 1, "no": 0 }</c>.</summary>
    IntMap,

    /// <summary>A mapping of named sub-parameters, such as <c>init_param</c>; each field resolves on its own.</summary>
    Group,

    /// <summary>
    /// A list of mappings, each naming its variant with <c>type</c> and taking that variant's fields, such as a network's
    /// <c>layers</c>; the list resolves as a whole.
    /// </summary>
    TypedList,
}
