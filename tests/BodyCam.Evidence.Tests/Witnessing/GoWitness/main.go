// Command gowitness is a tlog-witness (c2sp.org/tlog-witness) for one log, written from the C2SP specifications
// (tlog-witness, tlog-cosignature, tlog-checkpoint, signed-note) independently of the server's own code, so that the
// tests drive the server against a second understanding of the protocol. It uses only the Go standard library and
// golang.org/x/mod/sumdb/note (the log's signature) and golang.org/x/mod/sumdb/tlog (consistency proofs).
//
// It serves, under the submission and monitoring prefix http://<listen>/witness:
//
//	POST /witness/add-checkpoint           the spec's add-checkpoint
//	GET  /witness/<sha256(origin) hex>/checkpoint   the latest cosigned checkpoint (monitor retrieval)
//
// and cosigns with an Ed25519 cosignature/v1 key. Once listening it prints one line to stdout:
//
//	ready <submission prefix with a trailing slash> <cosigner verifier key>
package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

const (
	prefix            = "/witness/"
	maxProofLines     = 63
	maxRequestBytes   = 1 << 20
	cosignatureKeyAlg = 0x04
)

// logState is what the witness remembers of a log: the latest checkpoint it cosigned.
type logState struct {
	Size       int64  `json:"size"`
	Root       string `json:"root"`
	Checkpoint string `json:"checkpoint"`
}

type witness struct {
	origin    string
	verifiers note.Verifiers
	name      string
	key       ed25519.PrivateKey
	keyID     []byte
	stateFile string

	// mu makes checking a request against the stored size and persisting the new checkpoint one atomic step, as
	// tlog-witness requires (otherwise two requests could roll the stored tree back).
	mu   sync.Mutex
	logs map[string]*logState
}

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address to listen on (port 0 picks a free port)")
	logKey := flag.String("log-key", "", "the log's signed-note verifier key (Ed25519, type 0x01); its name is the log's origin")
	name := flag.String("name", "", "the witness's name (its cosignature key name)")
	keyFile := flag.String("key-file", "", "file holding the witness's 32-byte Ed25519 private key seed; created when absent")
	stateFile := flag.String("state", "", "file holding the witness's per-log state")
	flag.Parse()
	if *logKey == "" || *name == "" || *keyFile == "" || *stateFile == "" {
		flag.Usage()
		os.Exit(2)
	}

	verifier, err := note.NewVerifier(*logKey)
	if err != nil {
		log.Fatalf("-log-key: %v", err)
	}
	if !validKeyName(*name) {
		log.Fatalf("-name: %q is not a key name (non-empty, no spaces, no '+')", *name)
	}
	seed, err := loadOrCreateSeed(*keyFile)
	if err != nil {
		log.Fatalf("-key-file: %v", err)
	}
	key := ed25519.NewKeyFromSeed(seed)
	publicKey := key.Public().(ed25519.PublicKey)
	w := &witness{
		origin:    verifier.Name(),
		verifiers: note.VerifierList(verifier),
		name:      *name,
		key:       key,
		keyID:     cosignatureKeyID(*name, publicKey),
		stateFile: *stateFile,
	}
	if w.logs, err = loadState(*stateFile); err != nil {
		log.Fatalf("-state: %v", err)
	}

	listener, err := net.Listen("tcp", *listen)
	if err != nil {
		log.Fatalf("-listen: %v", err)
	}
	vkey := fmt.Sprintf("%s+%s+%s", w.name, hex.EncodeToString(w.keyID),
		base64.StdEncoding.EncodeToString(append([]byte{cosignatureKeyAlg}, publicKey...)))
	mux := http.NewServeMux()
	mux.HandleFunc(prefix, w.serve)
	fmt.Printf("ready http://%s%s %s\n", listener.Addr(), prefix, vkey)
	log.Fatal(http.Serve(listener, mux))
}

func (w *witness) serve(rw http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.Path, prefix)
	switch {
	case rest == "add-checkpoint":
		if r.Method != http.MethodPost {
			rw.Header().Set("Allow", http.MethodPost)
			http.Error(rw, "add-checkpoint takes a POST", http.StatusMethodNotAllowed)
			return
		}
		w.addCheckpoint(rw, r)
	case strings.HasSuffix(rest, "/checkpoint") && r.Method == http.MethodGet:
		w.latestCheckpoint(rw, strings.TrimSuffix(rest, "/checkpoint"))
	default:
		http.NotFound(rw, r)
	}
}

// addCheckpoint implements POST <submission prefix>/add-checkpoint, checking in the order the spec lists.
func (w *witness) addCheckpoint(rw http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(rw, r.Body, maxRequestBytes))
	if err != nil {
		refuse(rw, http.StatusBadRequest, "reading the body: %v", err)
		return
	}
	oldSize, proof, signedNote, err := parseRequest(body)
	if err != nil {
		refuse(rw, http.StatusBadRequest, "%v", err)
		return
	}
	// The origin decides which keys are trusted, so it is read before any signature is checked.
	split := bytes.LastIndex(signedNote, []byte("\n\n"))
	if split < 0 {
		refuse(rw, http.StatusBadRequest, "the checkpoint is not a signed note")
		return
	}
	checkpoint, err := parseCheckpoint(string(signedNote[:split+1]))
	if err != nil {
		refuse(rw, http.StatusBadRequest, "%v", err)
		return
	}
	if checkpoint.origin != w.origin {
		refuse(rw, http.StatusNotFound, "unknown log origin %q", checkpoint.origin)
		return
	}
	opened, err := note.Open(signedNote, w.verifiers)
	if err != nil {
		var invalid *note.InvalidSignatureError
		var unverified *note.UnverifiedNoteError
		if errors.As(err, &invalid) || errors.As(err, &unverified) {
			refuse(rw, http.StatusForbidden, "the checkpoint carries no valid signature by the log's key: %v", err)
		} else {
			refuse(rw, http.StatusBadRequest, "the checkpoint is not a signed note: %v", err)
		}
		return
	}
	if oldSize > checkpoint.size {
		refuse(rw, http.StatusBadRequest, "old size %d is larger than the checkpoint's size %d", oldSize, checkpoint.size)
		return
	}

	w.mu.Lock()
	defer w.mu.Unlock()
	stored := w.logs[w.origin]
	storedSize := int64(0)
	if stored != nil {
		storedSize = stored.Size
	}
	if oldSize != storedSize {
		log.Printf("409: old size %d, latest cosigned size %d", oldSize, storedSize)
		rw.Header().Set("Content-Type", "text/x.tlog.size")
		rw.WriteHeader(http.StatusConflict)
		fmt.Fprintf(rw, "%d\n", storedSize)
		return
	}
	if checkpoint.size == 0 && checkpoint.root != tlog.Hash(sha256.Sum256(nil)) {
		refuse(rw, http.StatusUnprocessableEntity, "a checkpoint of size 0 must have the empty tree's root hash")
		return
	}
	if oldSize == 0 {
		if len(proof) != 0 {
			refuse(rw, http.StatusUnprocessableEntity, "old size 0 takes no consistency proof")
			return
		}
	} else {
		storedRoot, err := decodeHash(stored.Root)
		if err != nil {
			refuse(rw, http.StatusInternalServerError, "stored root hash: %v", err)
			return
		}
		// With equal sizes, CheckTree accepts only an empty proof and identical root hashes, as the spec requires.
		if err := tlog.CheckTree(proof, checkpoint.size, checkpoint.root, oldSize, storedRoot); err != nil {
			refuse(rw, http.StatusUnprocessableEntity, "the consistency proof from %d to %d does not verify: %v", oldSize, checkpoint.size, err)
			return
		}
	}

	cosignature := w.cosign(opened.Text, uint64(time.Now().Unix()))
	var served strings.Builder
	served.WriteString(opened.Text + "\n")
	for _, signature := range opened.Sigs {
		fmt.Fprintf(&served, "— %s %s\n", signature.Name, signature.Base64)
	}
	served.WriteString(cosignature)
	next := make(map[string]*logState, len(w.logs)+1)
	for origin, state := range w.logs {
		next[origin] = state
	}
	next[w.origin] = &logState{
		Size:       checkpoint.size,
		Root:       base64.StdEncoding.EncodeToString(checkpoint.root[:]),
		Checkpoint: served.String(),
	}
	// The spec: persist the new checkpoint before responding.
	if err := saveState(w.stateFile, next); err != nil {
		refuse(rw, http.StatusInternalServerError, "saving the state: %v", err)
		return
	}
	w.logs = next
	log.Printf("200: cosigned %s at size %d (old %d)", w.origin, checkpoint.size, oldSize)
	rw.Header().Set("Content-Type", "text/plain; charset=utf-8")
	io.WriteString(rw, cosignature)
}

// latestCheckpoint implements GET <monitoring prefix>/<origin hash>/checkpoint.
func (w *witness) latestCheckpoint(rw http.ResponseWriter, originHash string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	sum := sha256.Sum256([]byte(w.origin))
	stored := w.logs[w.origin]
	if originHash != hex.EncodeToString(sum[:]) || stored == nil {
		http.Error(rw, "no checkpoint cosigned for that log", http.StatusNotFound)
		return
	}
	rw.Header().Set("Content-Type", "text/plain; charset=utf-8")
	io.WriteString(rw, stored.Checkpoint)
}

// cosign returns the witness's signature line: tlog-cosignature's Ed25519 cosignature/v1 over
// "cosignature/v1\ntime <t>\n" and the checkpoint's note text, as base64(key ID ‖ u64 big-endian time ‖ signature).
func (w *witness) cosign(text string, timestamp uint64) string {
	message := fmt.Sprintf("cosignature/v1\ntime %d\n%s", timestamp, text)
	signature := make([]byte, 4+8, 4+8+ed25519.SignatureSize)
	copy(signature, w.keyID)
	binary.BigEndian.PutUint64(signature[4:], timestamp)
	signature = append(signature, ed25519.Sign(w.key, []byte(message))...)
	return fmt.Sprintf("— %s %s\n", w.name, base64.StdEncoding.EncodeToString(signature))
}

// cosignatureKeyID is SHA-256(name ‖ "\n" ‖ 0x04 ‖ public key)[:4].
func cosignatureKeyID(name string, publicKey ed25519.PublicKey) []byte {
	h := sha256.New()
	h.Write([]byte(name + "\n"))
	h.Write([]byte{cosignatureKeyAlg})
	h.Write(publicKey)
	return h.Sum(nil)[:4]
}

// parseRequest splits the body into the old size line, the consistency proof lines up to the empty line, and the
// signed checkpoint note after it.
func parseRequest(body []byte) (oldSize int64, proof tlog.TreeProof, signedNote []byte, err error) {
	line, rest, ok := cutLine(body)
	if !ok || !strings.HasPrefix(line, "old ") {
		return 0, nil, nil, errors.New("the body does not start with an 'old <size>' line")
	}
	if oldSize, ok = parseSize(strings.TrimPrefix(line, "old ")); !ok {
		return 0, nil, nil, fmt.Errorf("%q: the old size is not a decimal without leading zeroes", line)
	}
	for {
		if line, rest, ok = cutLine(rest); !ok {
			return 0, nil, nil, errors.New("no empty line ends the consistency proof")
		}
		if line == "" {
			break
		}
		if len(proof) == maxProofLines {
			return 0, nil, nil, fmt.Errorf("more than %d consistency proof lines", maxProofLines)
		}
		hash, err := decodeHash(line)
		if err != nil {
			return 0, nil, nil, fmt.Errorf("consistency proof line %q: %v", line, err)
		}
		proof = append(proof, hash)
	}
	return oldSize, proof, rest, nil
}

type checkpoint struct {
	origin string
	size   int64
	root   tlog.Hash
}

// parseCheckpoint reads a tlog-checkpoint note text: origin, tree size and root hash lines, then optional non-empty
// extension lines.
func parseCheckpoint(text string) (checkpoint, error) {
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if len(lines) < 3 {
		return checkpoint{}, errors.New("the checkpoint has fewer than three lines")
	}
	for _, line := range lines {
		if line == "" {
			return checkpoint{}, errors.New("the checkpoint has an empty line")
		}
	}
	size, ok := parseSize(lines[1])
	if !ok {
		return checkpoint{}, fmt.Errorf("the tree size %q is not a decimal without leading zeroes", lines[1])
	}
	root, err := decodeHash(lines[2])
	if err != nil {
		return checkpoint{}, fmt.Errorf("the root hash %q: %v", lines[2], err)
	}
	return checkpoint{origin: lines[0], size: size, root: root}, nil
}

func cutLine(b []byte) (line string, rest []byte, ok bool) {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return "", nil, false
	}
	return string(b[:i]), b[i+1:], true
}

// parseSize reads an ASCII decimal with no leading zeroes (except "0" itself).
func parseSize(s string) (int64, bool) {
	if s == "" || len(s) > 1 && s[0] == '0' || strings.TrimLeft(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

func decodeHash(s string) (tlog.Hash, error) {
	b, err := base64.StdEncoding.Strict().DecodeString(s)
	if err != nil || len(b) != tlog.HashSize {
		return tlog.Hash{}, errors.New("not the base64 of a 32-byte hash")
	}
	return tlog.Hash(*(*[tlog.HashSize]byte)(b)), nil
}

func validKeyName(name string) bool {
	return name != "" && !strings.ContainsRune(name, '+') && strings.IndexFunc(name, unicode.IsSpace) < 0
}

func refuse(rw http.ResponseWriter, status int, format string, args ...any) {
	message := fmt.Sprintf(format, args...)
	log.Printf("%d: %s", status, message)
	http.Error(rw, message, status)
}

func loadOrCreateSeed(path string) ([]byte, error) {
	seed, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		seed = make([]byte, ed25519.SeedSize)
		if _, err := rand.Read(seed); err != nil {
			return nil, err
		}
		return seed, writeDurably(path, seed, 0o600)
	}
	if err != nil {
		return nil, err
	}
	if len(seed) != ed25519.SeedSize {
		return nil, fmt.Errorf("%s holds %d bytes, not a %d-byte Ed25519 seed", path, len(seed), ed25519.SeedSize)
	}
	return seed, nil
}

func loadState(path string) (map[string]*logState, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return map[string]*logState{}, nil
	}
	if err != nil {
		return nil, err
	}
	logs := map[string]*logState{}
	if err := json.Unmarshal(data, &logs); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return logs, nil
}

func saveState(path string, logs map[string]*logState) error {
	data, err := json.MarshalIndent(logs, "", "  ")
	if err != nil {
		return err
	}
	return writeDurably(path, data, 0o600)
}

// writeDurably replaces the file so that a crash leaves either the old or the new content: a synced temporary file,
// renamed over it, and the folder synced so that the rename itself survives.
func writeDurably(path string, data []byte, mode os.FileMode) error {
	temporary := path + ".tmp"
	file, err := os.OpenFile(temporary, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, mode)
	if err != nil {
		return err
	}
	if _, err := file.Write(data); err != nil {
		file.Close()
		return err
	}
	if err := file.Sync(); err != nil {
		file.Close()
		return err
	}
	if err := file.Close(); err != nil {
		return err
	}
	if err := os.Rename(temporary, path); err != nil {
		return err
	}
	folder, err := os.Open(filepath.Dir(path))
	if err != nil {
		return err
	}
	defer folder.Close()
	return folder.Sync()
}
