using System.Security.Cryptography;
using BodyCam.Evidence.Infrastructure.Hashing;

namespace BodyCam.Evidence.Tests.Infrastructure.Hashing;

public sealed class ResumableSha256Tests
{
    [Test]
    public void Nothing_hashes_to_the_SHA256_of_nothing() =>
        Assert.That(ResumableSha256.Create().Peek(), Is.EqualTo(SHA256.HashData(ReadOnlySpan<byte>.Empty)));

    [Test]
    public void A_hash_saved_and_restored_at_arbitrary_points_equals_the_hash_of_the_whole()
    {
        var data = RandomNumberGenerator.GetBytes((3 * 1024 * 1024) + 17);
        var random = new Random(20261126);
        var state = ResumableSha256.Create().SaveState();
        var position = 0;
        while (position < data.Length)
        {
            var length = Math.Min(random.Next(1, 700_000), data.Length - position);
            var hash = ResumableSha256.Restore(state);
            hash.Append(data.AsSpan(position, length));
            state = hash.SaveState();
            position += length;
        }

        Assert.That(ResumableSha256.Restore(state).Peek(), Is.EqualTo(SHA256.HashData(data)));
    }

    [Test]
    public void Peeking_does_not_disturb_the_running_hash()
    {
        var hash = ResumableSha256.Create();
        hash.Append("abc"u8);
        _ = hash.Peek();
        hash.Append("def"u8);

        Assert.That(hash.Peek(), Is.EqualTo(SHA256.HashData("abcdef"u8)));
    }

    [Test]
    public void A_state_of_the_wrong_size_is_refused() =>
        Assert.That(() => ResumableSha256.Restore(new byte[64]), Throws.ArgumentException);
}
