namespace Concord.ML.Horizontal;

/// <summary>
/// Builds a client's model over its own rows once the clients have agreed on the <see cref="ModelShape"/>. HomoLR and
/// HomoNN each provide one; the federated roles and the LocalBaseline build models only through it.
/// </summary>
public interface ILocalModelFactory
{
    /// <summary>What the model is called in messages and metrics, e.g. "homo_lr".</summary>
    string Name { get; }

    /// <summary>
    /// A model bound to <paramref name="data"/> (which may be empty of rows at the arbiter-less LocalBaseline's
    /// scoring step). <paramref name="seed"/> is the job's: initial parameters drawn from it are the same at every
    /// client, though only the guest's are used (the arbiter broadcasts them).
    /// </summary>
    ILocalModel Create(ModelShape shape, HorizontalData data, long seed);

    /// <summary>Checks that the model's own settings fit the shape (e.g. a layer list's input width); throws with the reason.</summary>
    void CheckFits(ModelShape shape);
}
