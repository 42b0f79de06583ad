namespace Concord.Crypto.Paillier;

public sealed record PaillierKeyPair(PaillierPublicKey PublicKey, PaillierPrivateKey PrivateKey);
