/* rd-cli-pretty.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-cli"

#include "config.h"

#include <string.h>

#include "rd-cli-pretty.h"
#include "rd-json.h"

/* json-glib's generator indents by two spaces a level. */
#define INDENT_STEP 2
/* Deeper documents, or more member names along one path, take the parser's way. */
#define MAX_DEPTH 64
#define MAX_NAMES 512

typedef struct
{
  const char *text; /* between the quotes, as stored */
  gsize       length;
  guint32     hash;
} MemberName;

typedef struct
{
  GString    *out;
  const char *p;
  guint       indent;
  guint       n_names;
  MemberName  names[MAX_NAMES]; /* of the objects open along the path, innermost last */
} Printer;

static gboolean print_value (Printer *self,
                             guint    level);

static void
append_spaces (GString *out,
               gsize    n)
{
  static const char spaces[] = "                                                                ";

  while (n > 0)
    {
      gsize chunk = MIN (n, sizeof spaces - 1);

      g_string_append_len (out, spaces, (gssize) chunk);
      n -= chunk;
    }
}

static void
start_line (Printer *self,
            guint    level)
{
  append_spaces (self->out, self->indent + (gsize) level * INDENT_STEP);
}

static guint32
hash_step (guint32 hash,
           guchar  c)
{
  return hash * 33 + c;
}

/* Copies the string at p (on its opening quote) and, for a name, records it. Only text that
 * json-glib writes back unchanged passes: the escapes it writes itself (\" \\ \b \f \n \r
 * \t), no control character or DEL unescaped; \u and \/ escapes read back as other text. */
static gboolean
copy_string (Printer    *self,
             MemberName *name)
{
  const char *start = self->p;
  const char *p = start + 1;
  guint32 hash = 5381;

  for (;;)
    {
      guchar c = (guchar) *p;

      if (c == '"')
        break;
      if (c == '\\')
        {
          switch (p[1])
            {
            case '"': case '\\': case 'b': case 'f': case 'n': case 'r': case 't':
              break;
            default:
              return FALSE;
            }
          hash = hash_step (hash_step (hash, c), (guchar) p[1]);
          p += 2;
          continue;
        }
      /* The terminating NUL is one of these too. */
      if (c < 0x20 || c == 0x7f)
        return FALSE;
      hash = hash_step (hash, c);
      p++;
    }
  if (name != NULL)
    {
      name->text = start + 1;
      name->length = (gsize) (p - start - 1);
      name->hash = hash;
    }
  g_string_append_len (self->out, start, p + 1 - start);
  self->p = p + 1;
  return TRUE;
}

/* An integer as json-glib prints it: no leading zeros, no "-0", within a gint64. Fractions
 * and exponents are printed in json-glib's own way, so they take the parser's way. */
static gboolean
copy_integer (Printer *self)
{
  const char *start = self->p;
  const char *digits = *start == '-' ? start + 1 : start;
  const char *p = digits;

  while (g_ascii_isdigit (*p))
    p++;
  if (p == digits || p - digits > 18 || (*digits == '0' && (p - digits > 1 || digits != start))
      || *p == '.' || *p == 'e' || *p == 'E')
    return FALSE;
  g_string_append_len (self->out, start, p - start);
  self->p = p;
  return TRUE;
}

static gboolean
copy_literal (Printer    *self,
              const char *literal)
{
  gsize length = strlen (literal);

  if (strncmp (self->p, literal, length) != 0)
    return FALSE;
  g_string_append_len (self->out, literal, (gssize) length);
  self->p += length;
  return TRUE;
}

static gboolean
name_is_new (const Printer    *self,
             guint             first,
             const MemberName *name)
{
  for (guint i = first; i < self->n_names; i++)
    {
      const MemberName *other = &self->names[i];

      if (other->hash == name->hash && other->length == name->length
          && memcmp (other->text, name->text, name->length) == 0)
        return FALSE;
    }
  return TRUE;
}

/* The one member name at p, checked against this object's others (names from first on): a
 * repeated one would be merged by the parser. */
static gboolean
print_member_name (Printer *self,
                   guint    first)
{
  MemberName *name = &self->names[self->n_names];

  if (*self->p != '"' || self->n_names == MAX_NAMES || !copy_string (self, name)
      || !name_is_new (self, first, name) || *self->p != ':')
    return FALSE;
  self->n_names++;
  self->p++;
  g_string_append_len (self->out, " : ", 3);
  return TRUE;
}

/* The items of the object or array whose opening was just read, each on its own line at
 * level, up to and past close; an object's names from first on are its own. */
static gboolean
print_items (Printer *self,
             guint    level,
             char     close,
             guint    first)
{
  gboolean ok = FALSE;

  for (;;)
    {
      start_line (self, level);
      if ((close == '}' && !print_member_name (self, first)) || !print_value (self, level))
        break;
      if (*self->p == close)
        {
          self->p++;
          ok = TRUE;
          break;
        }
      if (*self->p != ',')
        break;
      self->p++;
      g_string_append_len (self->out, ",\n", 2);
    }
  self->n_names = first;
  return ok;
}

static gboolean
print_container (Printer *self,
                 guint    level)
{
  char open = *self->p;
  char close = open == '{' ? '}' : ']';

  self->p++;
  g_string_append_c (self->out, open);
  if (*self->p == close)
    {
      /* json-glib pads an empty object (not an empty array) to the depth it is at. */
      self->p++;
      if (close == '}')
        append_spaces (self->out, (gsize) level * INDENT_STEP);
      g_string_append_c (self->out, close);
      return TRUE;
    }
  g_string_append_c (self->out, '\n');
  if (!print_items (self, level + 1, close, self->n_names))
    return FALSE;
  g_string_append_c (self->out, '\n');
  start_line (self, level);
  g_string_append_c (self->out, close);
  return TRUE;
}

static gboolean
print_value (Printer *self,
             guint    level)
{
  if (level > MAX_DEPTH)
    return FALSE;
  switch (*self->p)
    {
    case '{':
    case '[':
      return print_container (self, level);
    case '"':
      return copy_string (self, NULL);
    case 't':
      return copy_literal (self, "true");
    case 'f':
      return copy_literal (self, "false");
    case 'n':
      return copy_literal (self, "null");
    default:
      return copy_integer (self);
    }
}

/* "_id" and "_rev" are set before the body's members: a body member of either name would
 * replace them in place. */
static gboolean
add_record_member (Printer    *self,
                   const char *name,
                   const char *value)
{
  MemberName *entry = &self->names[self->n_names++];

  for (const char *p = value; *p != '\0'; p++)
    if (*p == '"' || *p == '\\' || (guchar) *p < 0x20 || *p == 0x7f)
      return FALSE;
  entry->text = name;
  entry->length = strlen (name);
  entry->hash = 5381;
  for (const char *p = name; *p != '\0'; p++)
    entry->hash = hash_step (entry->hash, (guchar) *p);
  if (self->n_names > 1)
    g_string_append_len (self->out, ",\n", 2);
  start_line (self, 1);
  g_string_append_printf (self->out, "\"%s\" : \"%s\"", name, value);
  return TRUE;
}

gboolean
rd_cli_pretty_append_direct (GString    *out,
                             const char *id,
                             const char *rev,
                             const char *body,
                             guint       indent)
{
  Printer printer;
  Printer *self = &printer;
  gsize start_len;
  gboolean ok;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (body == NULL || body[0] != '{' || !g_utf8_validate (body, -1, NULL))
    return FALSE;

  self->out = out;
  self->p = body + 1;
  self->indent = indent;
  self->n_names = 0;
  start_len = out->len;

  start_line (self, 0);
  g_string_append_len (out, "{\n", 2);
  ok = add_record_member (self, "_id", id)
       && (rev == NULL || add_record_member (self, "_rev", rev));
  if (ok && *self->p == '}')
    self->p++;
  else if (ok)
    {
      g_string_append_len (out, ",\n", 2);
      ok = print_items (self, 1, '}', 0);
    }
  ok = ok && *self->p == '\0';
  if (!ok)
    {
      g_string_truncate (out, start_len);
      return FALSE;
    }
  g_string_append_c (out, '\n');
  start_line (self, 0);
  g_string_append_c (out, '}');
  return TRUE;
}

JsonNode *
rd_cli_record_to_node (RdRecord *record)
{
  g_autoptr (JsonObject) object = json_object_new ();
  JsonObject *body = rd_record_get_body (record);
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  JsonNode *node;

  json_object_set_string_member (object, "_id", rd_record_get_id (record));
  if (rd_record_get_rev (record) != NULL)
    json_object_set_string_member (object, "_rev", rd_record_get_rev (record));
  /* In the stored order, which is also the order list --json prints without parsing. */
  json_object_iter_init_ordered (&iter, body);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    json_object_set_member (object, name, json_node_ref (member));
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

void
rd_cli_pretty_append_parsed (GString    *out,
                             const char *id,
                             const char *rev,
                             const char *body,
                             guint       indent)
{
  g_autoptr (JsonObject) object = body ? rd_json_object_from_string (body, NULL) : NULL;
  g_autoptr (RdRecord) record = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *text = NULL;
  const char *line;

  if (object == NULL)
    object = json_object_new ();
  record = rd_record_new (id, object);
  rd_record_set_rev (record, rev);
  node = rd_cli_record_to_node (record);
  text = json_to_string (node, TRUE);
  line = text;
  while (line != NULL && *line != '\0')
    {
      const char *end = strchr (line, '\n');

      append_spaces (out, indent);
      if (end == NULL)
        {
          g_string_append (out, line);
          break;
        }
      g_string_append_len (out, line, end - line + 1);
      line = end + 1;
    }
}

void
rd_cli_pretty_append_record (GString    *out,
                             const char *id,
                             const char *rev,
                             const char *body,
                             guint       indent)
{
  if (!rd_cli_pretty_append_direct (out, id, rev, body, indent))
    rd_cli_pretty_append_parsed (out, id, rev, body, indent);
}
