-- HMAC-SHA256 for wrk's LuaJIT, which has no crypto: GitHub deliveries must be signed, and a
-- distinct body per request needs its own signature. The fixed start of the body is hashed
-- once (hmac_prefix); each request then hashes only its own tail (hmac_tail), a few blocks.
local bit = require("bit")
local band, bor, bxor, bnot = bit.band, bit.bor, bit.bxor, bit.bnot
local rshift, lshift, ror, tobit = bit.rshift, bit.lshift, bit.ror, bit.tobit

local K = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
}
local IV = {
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
}
for i = 1, 64 do K[i] = tobit(K[i]) end
for i = 1, 8 do IV[i] = tobit(IV[i]) end

local W = {}

local function compress(H, s, off)
  for j = 0, 15 do
    local a, b, c, d = string.byte(s, off + j * 4, off + j * 4 + 3)
    W[j] = bor(lshift(a, 24), lshift(b, 16), lshift(c, 8), d)
  end
  for j = 16, 63 do
    local w15, w2 = W[j - 15], W[j - 2]
    local s0 = bxor(ror(w15, 7), ror(w15, 18), rshift(w15, 3))
    local s1 = bxor(ror(w2, 17), ror(w2, 19), rshift(w2, 10))
    W[j] = tobit(W[j - 16] + s0 + W[j - 7] + s1)
  end
  local a, b, c, d, e, f, g, h = H[1], H[2], H[3], H[4], H[5], H[6], H[7], H[8]
  for j = 0, 63 do
    local S1 = bxor(ror(e, 6), ror(e, 11), ror(e, 25))
    local ch = bxor(band(e, f), band(bnot(e), g))
    local t1 = tobit(h + S1 + ch + K[j + 1] + W[j])
    local S0 = bxor(ror(a, 2), ror(a, 13), ror(a, 22))
    local t2 = tobit(S0 + bxor(band(a, b), band(a, c), band(b, c)))
    h, g, f, e, d, c, b, a = g, f, e, tobit(d + t1), c, b, a, tobit(t1 + t2)
  end
  H[1], H[2], H[3], H[4] = tobit(H[1] + a), tobit(H[2] + b), tobit(H[3] + c), tobit(H[4] + d)
  H[5], H[6], H[7], H[8] = tobit(H[5] + e), tobit(H[6] + f), tobit(H[7] + g), tobit(H[8] + h)
end

-- A running hash: eight words, the bytes not yet in a full block, the length so far.
local function update(st, s)
  local data = st.rest .. s
  local full = #data - #data % 64
  for off = 1, full, 64 do compress(st.H, data, off) end
  st.rest = data:sub(full + 1)
  st.len = st.len + #s
end

local function copy(st)
  return {H = {unpack(st.H)}, rest = st.rest, len = st.len}
end

local function digest(st)
  local bits = st.len * 8
  local pad = "\128" .. string.rep("\0", (55 - st.len % 64) % 64)
  local hi, lo = math.floor(bits / 4294967296), bits % 4294967296
  local st2 = copy(st)
  update(st2, pad .. string.char(
    band(rshift(hi, 24), 255), band(rshift(hi, 16), 255), band(rshift(hi, 8), 255), band(hi, 255),
    band(rshift(lo, 24), 255), band(rshift(lo, 16), 255), band(rshift(lo, 8), 255), band(lo, 255)))
  local out = {}
  for i = 1, 8 do
    local w = st2.H[i]
    out[i] = string.char(band(rshift(w, 24), 255), band(rshift(w, 16), 255),
                         band(rshift(w, 8), 255), band(w, 255))
  end
  return table.concat(out)
end

local function padded_key(key, byte)
  local out = {}
  for i = 1, 64 do out[i] = string.char(bxor(string.byte(key, i) or 0, byte)) end
  return table.concat(out)
end

-- State after the key and the fixed start of the message (keys up to 64 bytes).
function hmac_prefix(key, prefix)
  local inner = {H = {unpack(IV)}, rest = "", len = 0}
  update(inner, padded_key(key, 0x36) .. prefix)
  local outer = {H = {unpack(IV)}, rest = "", len = 0}
  update(outer, padded_key(key, 0x5c))
  return {inner = inner, outer = outer}
end

-- Hex HMAC of prefix .. tail.
function hmac_tail(prefixed, tail)
  local inner = copy(prefixed.inner)
  update(inner, tail)
  local outer = copy(prefixed.outer)
  update(outer, digest(inner))
  local hex = {}
  for i, byte in ipairs({string.byte(digest(outer), 1, 32)}) do
    hex[i] = string.format("%02x", byte)
  end
  return table.concat(hex)
end
