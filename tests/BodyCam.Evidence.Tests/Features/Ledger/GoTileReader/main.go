// Command tilereader reads a C2SP tlog-tiles log with Go's golang.org/x/mod/sumdb/tlog, written apart from the
// server: given the log's prefix, a tree size and that tree's root (base64, from a verified checkpoint), it reads
// the hash tiles the tree needs, which tlog checks against the root, and proves the last entry's inclusion.
//
//	tilereader <prefix> <size> <root>
//
// It prints the recomputed root, base64, and exits 0; any tile that does not match the root exits 1.
package main

import (
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/tlog"
)

type tiles struct{ prefix string }

func (t tiles) Height() int { return 8 }

// Go's checksum-database paths carry the tile height (tile/8/L/N); tlog-tiles paths do not (tile/L/N).
func (t tiles) ReadTiles(wanted []tlog.Tile) ([][]byte, error) {
	data := make([][]byte, len(wanted))
	for i, tile := range wanted {
		path := strings.Replace(tile.Path(), "tile/8/", "tile/", 1)
		response, err := http.Get(t.prefix + path)
		if err != nil {
			return nil, err
		}
		body, err := io.ReadAll(response.Body)
		response.Body.Close()
		if err != nil {
			return nil, err
		}
		if response.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("%s: %s", path, response.Status)
		}
		data[i] = body
	}
	return data, nil
}

func (t tiles) SaveTiles([]tlog.Tile, [][]byte) {}

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: tilereader <prefix> <size> <root>")
		os.Exit(2)
	}
	size, err := strconv.ParseInt(os.Args[2], 10, 64)
	if err != nil {
		fail(err)
	}
	root, err := base64.StdEncoding.DecodeString(os.Args[3])
	if err != nil || len(root) != tlog.HashSize {
		fail(fmt.Errorf("root: %v", err))
	}
	var tree tlog.Tree
	tree.N = size
	copy(tree.Hash[:], root)
	reader := tlog.TileHashReader(tree, tiles{prefix: os.Args[1]})
	hash, err := tlog.TreeHash(size, reader)
	if err != nil {
		fail(err)
	}
	leaves, err := reader.ReadHashes([]int64{tlog.StoredHashIndex(0, size-1)})
	if err != nil {
		fail(err)
	}
	proof, err := tlog.ProveRecord(size, size-1, reader)
	if err != nil {
		fail(err)
	}
	if err := tlog.CheckRecord(proof, size, hash, size-1, leaves[0]); err != nil {
		fail(err)
	}
	fmt.Println(base64.StdEncoding.EncodeToString(hash[:]))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
