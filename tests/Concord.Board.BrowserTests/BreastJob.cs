namespace Concord.Board.BrowserTests;

/// <summary>
/// The job the board is shown: PSI, vertical LR and a binary evaluation on FATE's breast data, whose tables the
/// fixture uploads. Few iterations run in seconds; many keep a job running long enough to stop it from the page.
/// </summary>
internal static class BreastJob
{
    public const int Guest = 9999;
    public const int Host = 10000;
    public const int Arbiter = 10002;

    /// <summary>The components, in the order of the file: what the DAG must show.</summary>
    public static readonly string[] Components = ["reader_0", "psi_0", "hetero_lr_0", "evaluation_0"];

    public const string Evaluation = "evaluation_0";

    public static string File(string name, int iterations) => $$"""
        job: { name: {{name}}, timeout: 600, seed: 7 }
        parties: { guest: {{Guest}}, hosts: [{{Host}}], arbiter: {{Arbiter}} }
        components:
          - name: reader_0
            type: reader
            parameters: { table: { namespace: demo, name: breast_hetero } }
          - name: psi_0
            type: psi
            inputs: { data: reader_0.data }
            parameters: { method: ecdh, salt: board-browser }
          - name: hetero_lr_0
            type: hetero_lr
            inputs: { train_data: psi_0.data }
            parameters: { max_iter: {{iterations}}, optimizer: sgd, learning_rate: 0.3, key_bits: 1024, tol: 0 }
          - name: evaluation_0
            type: evaluation
            inputs: { data: hetero_lr_0.data }
            parameters: { eval_type: binary }
        """;
}
