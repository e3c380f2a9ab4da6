using System.Globalization;

namespace BodyCam.Evidence.Infrastructure.Storage;

/// <summary>What a blob's staging folder holds: the appended file's extents and the blocks staged on their own.</summary>
public sealed partial class FileSystemBlobStore
{
    /// <summary>A staged block: in the appended file at <see cref="Offset"/>, or in a block file of its own.</summary>
    private sealed record StagedPiece(int Index, long Length, long? Offset)
    {
        public string MarkerName => $"{IndexName(Index)}.{Offset}.{Length}{ExtentExtension}";

        public static StagedPiece? FromFile(FileInfo file) => file.Extension switch
        {
            BlockExtension => new StagedPiece(int.Parse(Path.GetFileNameWithoutExtension(file.Name), CultureInfo.InvariantCulture), file.Length, null),
            ExtentExtension when Path.GetFileNameWithoutExtension(file.Name).Split('.') is [var index, var offset, var length] =>
                new StagedPiece(
                    int.Parse(index, CultureInfo.InvariantCulture), long.Parse(length, CultureInfo.InvariantCulture), long.Parse(offset, CultureInfo.InvariantCulture)),
            _ => null,
        };
    }

    /// <summary>What a staging folder holds. A block file stands for its index even where an extent was recorded too.</summary>
    private sealed class Staged
    {
        public static readonly Staged Empty = new([], []);

        private readonly SortedDictionary<int, StagedPiece> _extents;
        private readonly SortedDictionary<int, StagedPiece> _blockFiles;

        private Staged(IEnumerable<StagedPiece> extents, IEnumerable<StagedPiece> blockFiles)
        {
            _extents = new(extents.ToDictionary(piece => piece.Index));
            _blockFiles = new(blockFiles.ToDictionary(piece => piece.Index));
        }

        public IEnumerable<StagedPiece> Blocks =>
            _extents.Keys.Union(_blockFiles.Keys).Order().Select(index => Find(index)!);

        public static Staged Read(string folder)
        {
            var pieces = new DirectoryInfo(folder).EnumerateFiles().Select(StagedPiece.FromFile).OfType<StagedPiece>().ToList();
            return new Staged(pieces.Where(piece => piece.Offset is not null), pieces.Where(piece => piece.Offset is null));
        }

        public StagedPiece? Find(int index) =>
            _blockFiles.GetValueOrDefault(index) ?? _extents.GetValueOrDefault(index);

        public StagedPiece? Extent(int index) => _extents.GetValueOrDefault(index);

        /// <summary>
        /// Where block <paramref name="index"/> would start in the appended file, if it can go there: the blocks
        /// before it are exactly the appended file's, and none after it was appended.
        /// </summary>
        public long? AppendedExtentsEndAt(int index)
        {
            if (_extents.Keys.Any(existing => existing > index) || _blockFiles.Keys.Any(existing => existing < index))
            {
                return null;
            }
            long end = 0;
            for (var before = 0; before < index; before++)
            {
                if (!_extents.TryGetValue(before, out var extent) || extent.Offset != end)
                {
                    return null;
                }
                end += extent.Length;
            }
            return end;
        }

        public long? AppendedFileLengthIfExactly(int blockCount) =>
            _blockFiles.Count == 0 && _extents.Count == blockCount ? AppendedExtentsEndAt(blockCount) : null;
    }
}
