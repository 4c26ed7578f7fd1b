/**
 * The banner at the top of the conversation while a person is involved: waiting in the queue
 * (the place, the wait, or when staff are back) or being served by a named staff member. Shown
 * large and dark on a tinted ground, so it is read at a glance; it only displays.
 */
Component({
  properties: {
    status: { type: Object, value: {} },
  },
});
