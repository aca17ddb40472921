#!/bin/sh
# Verifies a HatiData webhook delivery with openssl (docs/webhooks.md). Usage:
#   SECRET=whsec_... WEBHOOK_ID=... WEBHOOK_TIMESTAMP=... WEBHOOK_SIGNATURE='v1,...' \
#   HATIDATA_SIGNATURE='sha256=...' sh webhooks-verify.sh body.json
# Prints "verified" and exits 0, or says what failed and exits 1. Needs openssl, base64, od.
body=$1
# 1. Standard Webhooks: HMAC-SHA256 of "id.timestamp.body" keyed with the base64 after whsec_
key_hex=$(printf '%s' "${SECRET#whsec_}" | base64 -d | od -An -v -tx1 | tr -d ' \n')
expected="v1,$(printf '%s.%s.' "$WEBHOOK_ID" "$WEBHOOK_TIMESTAMP" | cat - "$body" \
  | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key_hex" -binary | base64)"
match=no
for signature in $WEBHOOK_SIGNATURE; do [ "$signature" = "$expected" ] && match=yes; done
[ "$match" = yes ] || { echo "webhook-signature does not match"; exit 1; }
# 2. the timestamp is signed: refuse deliveries more than 5 minutes old (or ahead), i.e. replays
age=$(( $(date +%s) - WEBHOOK_TIMESTAMP ))
[ "$age" -le 300 ] && [ "$age" -ge -300 ] || { echo "webhook-timestamp outside 5 minutes"; exit 1; }
# 3. optionally HatiData's own header: HMAC-SHA256 of the body keyed with the whole secret
if [ -n "$HATIDATA_SIGNATURE" ]; then
  hex=$(openssl dgst -sha256 -mac HMAC -macopt "key:$SECRET" < "$body" | sed 's/^.*= //')
  [ "$HATIDATA_SIGNATURE" = "sha256=$hex" ] || { echo "X-HatiData-Signature does not match"; exit 1; }
fi
echo verified
